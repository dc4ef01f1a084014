import { ACCOUNT_ROUTES } from './accountRoutes.js';
import { LIGHTNING_ROUTES } from './lightningRoutes.js';
import { ORDER_ROUTES } from './orderRoutes.js';
import type { Route } from '../http/router.js';
import { WALLET_ROUTES } from './walletRoutes.js';

/** Every Aurpay endpoint the sandbox serves, on Aurpay's paths. */
export const API_ROUTES: readonly Route[] = [...ORDER_ROUTES, ...WALLET_ROUTES, ...LIGHTNING_ROUTES, ...ACCOUNT_ROUTES];
