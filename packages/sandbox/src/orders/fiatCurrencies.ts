/** A fiat currency the sandbox prices orders in, with its fixed rate. */
export interface FiatCurrency {
  currency: string;
  name: string;
  /** Units of this currency one US dollar buys, as a decimal string. */
  perUsd: string;
}

const f = (currency: string, name: string, perUsd: string): FiatCurrency => ({ currency, name, perUsd });

/**
 * The fiat currencies of Aurpay's "Get Support Real Currency List" example, in its order and with
 * its names, each with a fixed, deterministic rate (units per US dollar) documented in the README.
 */
export const FIAT_CURRENCIES: readonly FiatCurrency[] = Object.freeze(
  [
    f('USD', 'Ultimate Strength Design', '1'),
    f('EUR', 'Euro', '0.92'),
    f('CNY', 'Renminbi', '7.2'),
    f('GBP', 'Great Britain Pound', '0.79'),
    f('AUD', 'Australian Dollar', '1.5'),
    f('CAD', 'Canadian Dollar', '1.36'),
    f('JPY', 'Japanese Yen', '150'),
    f('HKD', 'Hong Kong Dollar', '7.8'),
    f('INR', 'Indian Rupee', '83'),
    f('ZAR', 'South African Rand', '18.5'),
    f('TWD', 'New Taiwan Dollar', '32'),
    f('KRW', 'South Korean Won', '1350'),
    f('THB', 'Thai Baht', '36'),
    f('NZD', 'New Zealand Dollar', '1.65'),
    f('SGD', 'Singapore Dollar', '1.35'),
    f('AED', 'United Arab Emirates Dirham', '3.6725'),
    f('ARS', 'Argentine Peso', '900'),
    f('BDT', 'Bangladeshi Taka', '117'),
    f('BHD', 'Bahraini Dinar', '0.376'),
    f('BMD', 'Bermudian Dollar', '1'),
    f('BRL', 'Brazilian Real', '5'),
    f('CHF', 'Swiss Franc', '0.9'),
    f('CLP', 'Chilean Peso', '950'),
    f('CZK', 'Czech Koruna', '23'),
    f('DKK', 'Danish Krone', '6.9'),
    f('HUF', 'Hungarian Forint', '360'),
    f('IDR', 'Indonesian Rupiah', '16000'),
    f('ILS', 'Israeli New Shekel', '3.7'),
    f('KWD', 'Kuwaiti Dinar', '0.307'),
    f('LKR', 'Sri Lankan Rupee', '300'),
    f('MMK', 'Myanmar Kyat', '2100'),
    f('MXN', 'Mexican Peso', '17'),
    f('MYR', 'Malaysian Ringgit', '4.7'),
    f('NGN', 'Nigerian Naira', '1500'),
    f('NOK', 'Norwegian Krone', '10.7'),
    f('PHP', 'Philippine Peso', '58'),
    f('PKR', 'Pakistani Rupee', '278'),
    f('PLN', 'Polish Zloty', '4'),
    f('RUB', 'Russian Ruble', '90'),
    f('SAR', 'Saudi Riyal', '3.75'),
    f('SEK', 'Swedish Krona', '10.5'),
    f('TRY', 'Turkish Lira', '32'),
    f('UAH', 'Ukrainian Hryvnia', '40'),
    f('VEF', 'Venezuelan Bolívar', '3600000'),
    f('VND', 'Vietnamese Dong', '25000'),
    f('XDR', 'IMF Special Drawing Rights', '0.75'),
    f('XAG', 'Silver Ounce', '0.04'),
    f('XAU', 'Gold Ounce', '0.0005'),
  ].map((entry) => Object.freeze(entry)),
);

/**
 * Finds a fiat currency by code (upper case, as Aurpay spells them).
 *
 * @example findFiat('EUR')?.perUsd // '0.92'
 */
export function findFiat(code: string): FiatCurrency | undefined {
  return FIAT_CURRENCIES.find((entry) => entry.currency === code);
}
