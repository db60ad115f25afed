// A local OpenID Connect provider for the sign-in browser test: the npm package oidc-provider
// (certified by the OpenID Foundation) with its development sign-in page, fixed test accounts
// and a "groups" claim, as an organisation's Keycloak or Entra ID would send.
//
// Environment: OIDC_PORT (where to listen on 127.0.0.1), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
// OIDC_REDIRECT_URI (the app's http://…/oauth2callback). Prints "ready <issuer>" when listening.
import Provider from 'oidc-provider';

// The sign-in page takes the account id as "login" (any password): only these accounts exist.
const ACCOUNTS = {
  ada: { name: 'Ada Admin', email: 'ada@vejle.dk', groups: ['vejle:admin'] },
  rita: { name: 'Rita Reader', email: 'rita@vejle.dk', groups: ['vejle:reader'] },
  kim: { name: 'Kim Editor', email: 'kim@acme.dk', groups: ['g-acme-editors'] },
};
const SCOPE = 'openid email profile groups';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    // Streamlit's st.logout comes back to its redirect_uri after signing out here
    post_logout_redirect_uris: [process.env.OIDC_REDIRECT_URI],
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  // Streamlit reads the user from the ID token (Authlib's parsed "userinfo"): put the claims
  // of the granted scopes there, as Entra ID and Keycloak do.
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email_verified: true, ...account };
      },
    };
  },
  // The app is a first-party client: its grant is given without a consent page.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPE);
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
