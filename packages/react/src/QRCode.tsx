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
  /**
   * Clears the centre for a logo laid over it (the checkouts' `qrLogo`), a fifth of the width
   * (less for a dense code), with higher error correction so the code still reads.
   */
  clearCentre?: boolean;
}

// A code holding this much (a Lightning invoice) has many small modules: a smaller logo, and
// quartile error correction, whose modules stay large enough for a camera at 208 px.
const dense = (value: string) => value.length > 120;

/** The share of a QR code's width a centre logo may take, by how much the code holds. */
export const qrCentreShare = (value: string) => (dense(value) ? 0.13 : 0.2);

// A transparent pixel: qrcode.react clears the modules under an image; the logo is drawn over it.
const BLANK = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/**
 * A scannable QR code as SVG, dark on white whatever the theme (wallet cameras expect it), with
 * the standard quiet zone of four modules.
 *
 * @example <QRCode value="bitcoin:BC1Q…?amount=0.001" label="QR code to pay 0.001 BTC" />
 */
export const QRCode = forwardRef<SVGSVGElement, QRCodeProps>(function QRCode(
  { value, label, size = 208, clearCentre, className, ...rest },
  ref,
) {
  // A fifth of the width; less for a dense code (an invoice), whose alignment patterns sit nearer.
  const centre = Math.round(size * qrCentreShare(value));
  return (
    <QRCodeSVG
      data-state={usePhase()}
      {...rest}
      ref={ref}
      value={value}
      size={size}
      level={clearCentre ? (dense(value) ? 'Q' : 'H') : 'M'}
      marginSize={4}
      imageSettings={clearCentre ? { src: BLANK, width: centre, height: centre, excavate: true } : undefined}
      role="img"
      aria-label={label}
      className={cx('aurpay-qr', className)}
    />
  );
});
QRCode.displayName = 'QRCode';
