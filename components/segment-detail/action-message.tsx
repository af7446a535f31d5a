/** The outcome of the last click of a panel's action, announced to screen readers. */
export type ActionMessageValue = { error: boolean; text: string } | null;

/** What a panel says when the server action could not be called at all. */
export const UNREACHABLE: ActionMessageValue = { error: true, text: "Could not reach the server. Try again." };

export function ActionMessage({ message }: { message: ActionMessageValue }) {
  return (
    <p role="status" aria-live="polite" className={message?.error ? "text-sm text-red-700" : "text-sm text-green-700"}>
      {message?.text ?? ""}
    </p>
  );
}
