/** "VERY_LIKELY" → "Very likely"; other values as they are. */
export function choiceLabel(value: string): string {
  if (!/^[A-Z_]+$/.test(value)) return value;
  const words = value.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
