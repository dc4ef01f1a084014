/** `"24.5"`, `"USD"` → `"$24.50"`. Intl reads the decimal string exactly: no float in between. */
export function money(amount: string, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return format.format(amount as unknown as number);
}
