import type { CheckoutEffect } from './checkoutMachine.js';
import type { CheckoutCallbacks } from './checkoutOptions.js';

/**
 * Calls the callback that one effect of `transition` stands for. A callback that throws is the
 * app's bug: it is reported as uncaught, and the checkout (its polling, its next events) goes on.
 */
export function runCheckoutEffect(effect: CheckoutEffect, callbacks: CheckoutCallbacks): void {
  try {
    switch (effect.type) {
      case 'error':
        callbacks.onError?.(effect.error);
        break;
      case 'statusChange':
        callbacks.onStatusChange?.(effect.status, effect.order);
        break;
      case 'timeout':
        callbacks.onTimeout?.(effect.order);
        break;
      case 'success':
        callbacks.onSuccess?.(effect.order);
        break;
      case 'paymentDetected':
        callbacks.onPaymentDetected?.(effect.order);
        break;
      default:
        effect satisfies never;
    }
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
