import type { AurpayMessages } from './enMessages.js';

/**
 * Spanish texts.
 *
 * @example <AurpayProvider endpoint="/api/pay" locale="es" messages={esMessages}>
 */
export const esMessages: AurpayMessages = {
  idle: 'Elige cómo pagar',
  loading: 'Preparando el pago…',
  error: 'Algo salió mal',
  awaiting_payment: 'Esperando el pago',
  partially_paid: 'Pago parcial: envía el resto',
  paid: 'Pago recibido',
  expired: 'Pago caducado',
  failed: 'Pago fallido',
  refunded: 'Pago reembolsado',
  unknown: 'Comprobando el estado…',
  retry: 'Reintentar',
  startAgain: 'Empezar de nuevo',
  send: 'Envía',
  warning: 'Envía solo {token} en {network}: lo demás puede perderse.',
  address: 'Dirección',
  invoice: 'Factura Lightning',
  qr: 'Código QR para pagar {amount}',
  copy: 'Copiar',
  copyAddress: 'Copiar dirección',
  copyAmount: 'Copiar importe',
  copyInvoice: 'Copiar factura',
  copied: 'Copiado',
  wallet: 'Abrir en la billetera',
  webln: 'Pagar con billetera web',
  received: 'Recibido',
  remaining: 'Pendiente',
  timeLeft: 'Tiempo restante',
  close: 'Cerrar',
  title: 'Pago',
};
