import type { CheckoutPhase } from '@aurpay-kit/core';
import { expect, waitFor } from 'storybook/test';

/** Waits (bounded) until the checkout root inside `container` shows `phase`, and returns it. */
export async function expectPhase(container: HTMLElement, phase: CheckoutPhase): Promise<HTMLElement> {
  let root: HTMLElement | null = null;
  await waitFor(
    () => {
      root = container.querySelector<HTMLElement>('.aurpay-checkout');
      expect(root).toHaveAttribute('data-state', phase);
    },
    { timeout: 5000 },
  );
  return root as unknown as HTMLElement;
}

/** A decimal string as the checkout shows it in `locale` (every digit kept). */
export function shown(value: string, locale: string): string {
  // Intl reads a decimal string exactly; the cast is for TypeScript's older Intl types.
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 20, numberingSystem: 'latn' }).format(value as unknown as number);
}

/** The checkout's heading, which names its state. */
export function headingOf(root: HTMLElement): string {
  return root.querySelector('.aurpay-heading')?.textContent ?? '';
}

/** What the checkout's live region says: the state and its amounts. */
export function announcementOf(root: HTMLElement): string {
  return root.querySelector('.aurpay-status')?.textContent ?? '';
}
