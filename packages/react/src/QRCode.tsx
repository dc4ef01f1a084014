import { QRCodeSVG } from 'qrcode.react';
import type { SVGAttributes } from 'react';
import { forwardRef } from 'react';
import { cx, usePhase } from './context.js';

export interface QRCodeProps extends Omit<SVGAttributes<SVGSVGElement>, 'children'> {
  /** What the code encodes: a payment URI, an address or `LIGHTNING:<INVOICE>`. */
  value: string;
  /** What a screen reader says instead of the picture, e.g. "QR code to pay 0.1 BTC". */
  label: string;
  /** Pixels. Default 208. */
  size?: number;
}

/**
 * A scannable QR code as SVG, dark on white whatever the theme (wallet cameras expect it).
 *
 * @example <QRCode value="bitcoin:BC1Q…?amount=0.001" label="QR code to pay 0.001 BTC" />
 */
export const QRCode = forwardRef<SVGSVGElement, QRCodeProps>(function QRCode(
  { value, label, size = 208, className, ...rest },
  ref,
) {
  return (
    <QRCodeSVG
      data-state={usePhase()}
      {...rest}
      ref={ref}
      value={value}
      size={size}
      level="M"
      marginSize={2}
      role="img"
      aria-label={label}
      className={cx('aurpay-qr', className)}
    />
  );
});
QRCode.displayName = 'QRCode';
