/** How long a sign-in lasts (next-auth's default): the token and its UserSession row expire together. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
