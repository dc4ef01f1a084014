import type { AurpayMessages } from './enMessages.js';

/**
 * German texts.
 *
 * @example <AurpayProvider endpoint="/api/pay" locale="de" messages={deMessages}>
 */
export const deMessages: AurpayMessages = {
  idle: 'Zahlungsart wählen',
  loading: 'Zahlung wird vorbereitet…',
  error: 'Etwas ist schiefgelaufen',
  awaiting_payment: 'Warte auf Zahlung',
  partially_paid: 'Teilweise bezahlt: Rest senden',
  paid: 'Zahlung erhalten',
  expired: 'Zahlung abgelaufen',
  failed: 'Zahlung fehlgeschlagen',
  refunded: 'Zahlung erstattet',
  unknown: 'Status wird geprüft…',
  retry: 'Erneut versuchen',
  startAgain: 'Neu beginnen',
  send: 'Senden',
  warning: 'Nur {token} über {network} senden: alles andere kann verloren gehen.',
  address: 'Adresse',
  invoice: 'Lightning-Rechnung',
  qr: 'QR-Code zum Bezahlen von {amount}',
  copy: 'Kopieren',
  copyAddress: 'Adresse kopieren',
  copyAmount: 'Betrag kopieren',
  copyInvoice: 'Rechnung kopieren',
  copied: 'Kopiert',
  wallet: 'In Wallet öffnen',
  webln: 'Mit Browser-Wallet bezahlen',
  received: 'Erhalten',
  remaining: 'Offen',
  timeLeft: 'Verbleibende Zeit',
  close: 'Schließen',
  title: 'Bezahlen',
};
