/** The bare Next.js 16 page of `npm run bench -- floor`: no auth, no i18n, no styling. */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  serverExternalPackages: ['pg'],
  poweredByHeader: false,
};

export default nextConfig;
