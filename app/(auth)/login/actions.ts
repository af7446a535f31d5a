"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
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

  try {
    // Redirects (by throwing) on success; the redirect must propagate, so only AuthError is caught.
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
  } catch (error) {
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
  return { email };
}
