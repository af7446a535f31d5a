"use server";

import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { getSessionId, requireActor } from "@/lib/auth/session";
import { changePassword } from "@/lib/data/platform/users";

export type ChangePasswordState = {
  fieldErrors?: { currentPassword?: string; newPassword?: string; confirmPassword?: string };
  /** Set when the password changed: how many other sessions were signed out. */
  changed?: { endedSessions: number };
};

function text(value: FormDataEntryValue | null): string {
  return typeof value === "string" ? value : "";
}

export async function changePasswordAction(
  _previous: ChangePasswordState,
  formData: FormData,
): Promise<ChangePasswordState> {
  const actor = await requireActor();
  const currentPassword = text(formData.get("currentPassword"));
  const newPassword = text(formData.get("newPassword"));
  const confirmPassword = text(formData.get("confirmPassword"));
  const fieldErrors: NonNullable<ChangePasswordState["fieldErrors"]> = {};
  if (!currentPassword) fieldErrors.currentPassword = "Enter your current password";
  else if (currentPassword.length > PASSWORD_MAX_LENGTH)
    fieldErrors.currentPassword = "The current password is not right";
  if (!newPassword) fieldErrors.newPassword = "Enter a new password";
  if (newPassword && confirmPassword !== newPassword) fieldErrors.confirmPassword = "The two new passwords differ";
  if (Object.keys(fieldErrors).length) return { fieldErrors };

  const result = await changePassword(actor.userId, { currentPassword, newPassword }, await getSessionId());
  if (!result.ok) return { fieldErrors: { [result.field]: result.message } };
  return { changed: { endedSessions: result.endedSessions } };
}
