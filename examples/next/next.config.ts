import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A payment page says nothing about what serves it.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
