import { QRCodeSVG } from 'qrcode.react';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

const darkModules = (svg: string) => /<path[^>]*fill="#000000"[^>]*d="([^"]+)"|<path[^>]*d="([^"]+)"[^>]*fill="#000000"/.exec(svg);

/**
 * Whether a QR code rendered by qrcode.react (its SVG markup) encodes `value`: the same value,
 * drawn again at each error-correction level and margin, must give the very same modules.
 *
 * @example qrEncodes(await page.locator('svg.aurpay-qr').evaluate((svg) => svg.outerHTML), 'LIGHTNING:LNTB…')
 */
export function qrEncodes(svg: string, value: string): boolean {
  const match = darkModules(svg);
  const shown = match?.[1] ?? match?.[2];
  if (!shown) return false;
  for (const level of ['L', 'M', 'Q', 'H'] as const) {
    for (let marginSize = 0; marginSize <= 4; marginSize += 1) {
      const drawn = darkModules(renderToStaticMarkup(createElement(QRCodeSVG, { value, level, marginSize })));
      if ((drawn?.[1] ?? drawn?.[2]) === shown) return true;
    }
  }
  return false;
}
