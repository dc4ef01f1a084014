// eth-url-parser ships without types; these cover the part the tests use.
declare module 'eth-url-parser' {
  export interface ParsedEthereumUrl {
    scheme: 'ethereum';
    prefix?: string;
    target_address: string;
    chain_id?: string;
    function_name?: string;
    parameters?: Record<string, string>;
  }
  export function parse(uri: string): ParsedEthereumUrl;
}
