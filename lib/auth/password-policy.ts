/** What a new password must be: pure, shared by the form's checks and the data layer. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

/** Why this new password is refused, or null when it is acceptable. */
export function newPasswordProblem(
  password: string,
  context: { email: string; currentPassword: string },
): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  if (!password.trim()) return "A password of spaces only is too easy to guess";
  if (password === context.currentPassword) return "Choose a password different from the current one";
  if (password.trim().toLowerCase() === context.email.trim().toLowerCase()) return "Do not use your email as password";
  if (new Set(password).size < 3) return "Use more than one or two different characters";
  return null;
}
