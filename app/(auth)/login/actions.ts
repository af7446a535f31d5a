"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import {
  KNOWN_DEVICE_COOKIE,
  KNOWN_DEVICE_MAX_AGE_SECONDS,
  knownDeviceSecret,
  newDeviceId,
  signKnownDevice,
  verifyKnownDevice,
} from "@/lib/auth/known-device";
import { SignInThrottled, signIn } from "@/lib/auth/next-auth";
import { throttleMessage } from "@/lib/auth/sign-in-throttle";
import { normalizeEmail } from "@/lib/data/platform/users";
import { safeCallbackUrl } from "./callback-url";

export type LoginState = {
  /** A message for the whole form, e.g. wrong credentials. */
  formError?: string;
  fieldErrors?: { email?: string; password?: string };
  /** Echoed back so the email field keeps what the user typed. */
  email?: string;
};

const emailFormat = z.email();

function text(value: FormDataEntryValue | null): string {
  return typeof value === "string" ? value : "";
}

export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = text(formData.get("email")).trim();
  const password = text(formData.get("password"));
  const fieldErrors: NonNullable<LoginState["fieldErrors"]> = {};
  if (!email) fieldErrors.email = "Enter your email";
  else if (email.length > 320 || !emailFormat.safeParse(email).success)
    fieldErrors.email = "Enter a valid email address, like name@example.com";
  if (!password) fieldErrors.password = "Enter your password";
  else if (password.length > 1024) fieldErrors.password = "That password is too long";
  if (fieldErrors.email || fieldErrors.password) return { fieldErrors, email };

  let destination: string;
  try {
    // With redirect: false a right password returns where to go (and sets the session cookie).
    destination = await signIn("credentials", {
      email,
      password,
      redirect: false,
      redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof SignInThrottled) return { email, formError: throttleMessage(error) };
    if (error instanceof AuthError) {
      return {
        email,
        formError:
          error.type === "CredentialsSignin"
            ? "Email or password is incorrect"
            : "We could not sign you in just now. Please try again in a moment.",
      };
    }
    throw error;
  }
  await rememberDevice(email);
  redirect(destination);
}

/** This browser signed in to this account: from now on it is a known device (lib/auth/sign-in-guard.ts). */
async function rememberDevice(email: string): Promise<void> {
  const jar = await cookies();
  const secret = knownDeviceSecret();
  const account = normalizeEmail(email);
  const deviceId = verifyKnownDevice(secret, jar.get(KNOWN_DEVICE_COOKIE)?.value, account) ?? newDeviceId();
  jar.set(KNOWN_DEVICE_COOKIE, signKnownDevice(secret, deviceId, account), {
    httpOnly: true,
    sameSite: "lax",
    secure: (await headers()).get("x-forwarded-proto") === "https",
    path: "/",
    maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
  });
}
