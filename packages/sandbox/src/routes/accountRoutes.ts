import { constantTimeEqual } from '../auth/constantTimeEqual.js';
import { ACCESS_TOKEN_SECONDS } from '../auth/accessTokens.js';
import { okReply } from '../http/envelope.js';
import { requireText } from './fieldReaders.js';
import { GatewayError } from '../http/gatewayError.js';
import { formBody } from '../http/requestContext.js';
import type { Route } from '../http/router.js';

/** Aurpay's account endpoints: log in for an access token, trade it for the API key. */
export const ACCOUNT_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/api/user/login',
    auth: 'none',
    handle: (ctx, state) => {
      const body = formBody(ctx);
      const username = requireText(body, 'username');
      const password = requireText(body, 'password');
      // Both compared, always, so a wrong username takes as long as a wrong password.
      const userOk = constantTimeEqual(username, state.config.username);
      const passwordOk = constantTimeEqual(password, state.config.password);
      if (!userOk || !passwordOk) throw new GatewayError('loginInvalid', 'Invalid password or username');
      return okReply({ access_token: state.accessTokens.issue(state.userId, state.now()), expire: ACCESS_TOKEN_SECONDS });
    },
  },
  {
    method: 'GET',
    pattern: '/api/plugin/key',
    auth: 'bearer',
    handle: (_ctx, state) => okReply({ api_key: state.config.apiKey, user_id: state.userId }),
  },
];
