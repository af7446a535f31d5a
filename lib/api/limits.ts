/** Bodies beyond this are refused with 413 before parsing (5,000 events fit in well under 5 MB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
