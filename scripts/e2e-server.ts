import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { config } from '@/lib/config';
import { AlipayStandIn } from '@/lib/payments/stand-ins/alipay-stand-in';
import { WechatPayStandIn } from '@/lib/payments/stand-ins/wechatpay-stand-in';

// A fresh data folder for every end-to-end run, then the same server as `npm start`.
rmSync(config().dataDir, { recursive: true, force: true });

/*
 * Alipay and WeChat Pay for the browser tests: local stand-ins of their gateways, with keys made
 * here, and the portal configured to use them (ALIPAY_*, WECHATPAY_*), exactly as a deployment
 * would point at the real gateways. Only this script starts them; `npm start` never does.
 */
const keyPair = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const appKeys = keyPair();
const alipayKeys = keyPair();
const merchantKeys = keyPair();
const platformKeys = keyPair();
const apiV3Key = randomBytes(16).toString('hex');
const ALIPAY_APP_ID = '2021000000000042';
const WECHATPAY = { mchId: '1900000042', appId: 'wx0000000000e2e042', merchantSerial: '6B0E2E0000000000000000000000000000000042', platformKeyId: 'PUB_KEY_ID_E2E0000000000000000000000000042' };

// Fixed offsets from the portal's port, so the browser tests know where the payer's side is.
const portalPort = config().port;
const alipay = await new AlipayStandIn({ appId: ALIPAY_APP_ID, appPublicKey: appKeys.publicKey, alipayPrivateKey: alipayKeys.privateKey, host: '127.0.0.1', port: portalPort + 1101 }).start();
const wechat = await new WechatPayStandIn({
  ...WECHATPAY,
  merchantPublicKey: merchantKeys.publicKey,
  platformPrivateKey: platformKeys.privateKey,
  apiV3Key,
  host: '127.0.0.1',
  port: portalPort + 1100,
}).start();
Object.assign(process.env, {
  ALIPAY_APP_ID,
  ALIPAY_PRIVATE_KEY: appKeys.privateKey,
  ALIPAY_PUBLIC_KEY: alipayKeys.publicKey,
  ALIPAY_GATEWAY: alipay.gateway,
  WECHATPAY_MCH_ID: WECHATPAY.mchId,
  WECHATPAY_APP_ID: WECHATPAY.appId,
  WECHATPAY_MERCHANT_SERIAL: WECHATPAY.merchantSerial,
  WECHATPAY_PRIVATE_KEY: merchantKeys.privateKey,
  WECHATPAY_API_V3_KEY: apiV3Key,
  WECHATPAY_PLATFORM_PUBLIC_KEY: platformKeys.publicKey,
  WECHATPAY_PLATFORM_KEY_ID: WECHATPAY.platformKeyId,
  WECHATPAY_BASE_URL: wechat.baseUrl,
});
console.log(`[e2e] Alipay stand-in at ${alipay.gateway}, WeChat Pay stand-in at ${wechat.baseUrl}`);

(globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;
await import('../server/start');
