'use strict';
// The sign-in page: gets a session token from Clerk (or the development token in dev mode), then mints, lists and
// revokes install tokens through /api/v1 and shows the install pill of a token just minted.
(function () {
  const body = document.body;
  const mode = body.dataset.mode;
  let devToken = null;

  function show(text, isError) {
    const message = document.getElementById('message');
    message.textContent = text;
    message.className = isError ? 'error' : '';
  }

  async function sessionToken() {
    if (devToken) {
      return devToken;
    }
    if (window.Clerk && window.Clerk.session) {
      return window.Clerk.session.getToken();
    }
    throw new Error('Sign in first.');
  }

  async function call(method, path, payload, bearer) {
    const headers = { 'Authorization': 'Bearer ' + (bearer || await sessionToken()) };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    const answer = await response.json().catch(() => ({ message: 'The server answered ' + response.status }));
    if (!response.ok) {
      throw new Error(answer.message || ('The server answered ' + response.status));
    }
    return answer.data;
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    row.appendChild(td);
    return td;
  }

  async function listTokens() {
    const data = await call('GET', 'api/v1/llm-tokens');
    const rows = document.querySelector('#tokens tbody');
    rows.replaceChildren();
    for (const token of data.tokens) {
      const row = document.createElement('tr');
      cell(row, token.prefix + '…');
      cell(row, token.label);
      cell(row, token.scopes.join(' '));
      cell(row, token.created_at);
      cell(row, token.last_used_at || 'never');
      cell(row, token.active ? 'active' : (token.revoked_at ? 'revoked' : 'expired'));
      const actions = cell(row, '');
      if (token.active) {
        const revoke = document.createElement('button');
        revoke.textContent = 'Revoke';
        revoke.addEventListener('click', async () => {
          if (!window.confirm('Revoke ' + token.label + '? Agents using it stop working at once.')) {
            return;
          }
          try {
            await call('DELETE', 'api/v1/llm-tokens/' + token.id);
            show('Revoked ' + token.label + '.');
            await listTokens();
          } catch (failure) {
            show(failure.message, true);
          }
        });
        actions.appendChild(revoke);
      }
      rows.appendChild(row);
    }
  }

  const pendingCli = new URLSearchParams(window.location.search).get('auth_session_id');

  const SCOPE_MEANINGS = {
    'api:read': 'read your workspace through the API (api:read)',
    'api:write': 'change your workspace\'s tasks through the API (api:write)',
    'mcp': 'use the shared memory server (mcp)',
    'hosts:enroll': 'enrol machines in your workspace, which then receive the fleet\'s credentials (hosts:enroll)'
  };

  async function showCliRequest() {
    const response = await fetch('xo-auth/state?auth_session_id=' + encodeURIComponent(pendingCli));
    const state = await response.json();
    const text = document.getElementById('cli-request');
    if (!response.ok) {
      text.textContent = state.detail || 'This sign-in request is unknown.';
    } else if (state.status !== 'pending') {
      text.textContent = 'This sign-in request is ' + state.status + '.';
    } else {
      text.textContent = (state.client || 'A command-line client') + ' asked to sign in as you at ' + state.created_at
        + (state.requested_from ? ' from ' + state.requested_from : '')
        + '. Approve only if you started it yourself, just now, from that machine. Its token will be able to:';
      const scopes = document.getElementById('cli-scopes');
      scopes.replaceChildren(...(state.scopes || []).map((scope) => {
        const item = document.createElement('li');
        item.textContent = SCOPE_MEANINGS[scope] || scope;
        return item;
      }));
      scopes.hidden = false;
      for (const [id, action] of [['cli-approve', 'approve'], ['cli-deny', 'deny']]) {
        document.getElementById(id).hidden = false;
        document.getElementById(id).onclick = () => decide(action);
      }
      document.getElementById('cli-approval').hidden = false;
      return;
    }
    document.getElementById('cli-approve').hidden = true;
    document.getElementById('cli-deny').hidden = true;
    document.getElementById('cli-scopes').hidden = true;
    document.getElementById('cli-approval').hidden = false;
  }

  async function decide(action) {
    const response = await fetch('xo-auth/' + action, {
      method: 'POST',
      headers: { 'Authorization': 'Bearer ' + await sessionToken(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ auth_session_id: pendingCli })
    });
    const answer = await response.json();
    document.getElementById('cli-request').textContent = response.ok
      ? (action === 'approve' ? 'Approved: return to your terminal.' : 'Denied.')
      : (answer.detail || 'The server answered ' + response.status);
    document.getElementById('cli-approve').hidden = true;
    document.getElementById('cli-deny').hidden = true;
  }

  async function signedIn(who) {
    document.getElementById('signin-state').textContent = 'Signed in as ' + who + '.';
    if (pendingCli) {
      await showCliRequest();
    }
    try {
      await listTokens();
    } catch (failure) {
      show(failure.message, true);
    }
  }

  document.getElementById('mint').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const scopes = Array.from(form.querySelectorAll('input[name=scope]:checked')).map((box) => box.value);
    const request = { label: form.label.value, scopes };
    if (form.days.value) {
      request.expires_in_days = Number(form.days.value);
    }
    try {
      const minted = await call('POST', 'api/v1/llm-tokens', request);
      const pill = await call('POST', 'api/v1/pill', {}, minted.token);
      document.getElementById('pill').textContent = JSON.stringify(pill, null, 2);
      document.getElementById('copy-pill').hidden = false;
      show('Minted ' + minted.prefix + '…: copy the pill now, the token is not shown again.');
      await listTokens();
    } catch (failure) {
      show(failure.message, true);
    }
  });

  document.getElementById('copy-pill').addEventListener('click', async () => {
    await navigator.clipboard.writeText(document.getElementById('pill').textContent);
    show('The pill is on the clipboard.');
  });

  if (mode === 'dev') {
    const form = document.getElementById('dev-signin');
    form.hidden = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      devToken = document.getElementById('dev-token').value.trim();
      await signedIn(devToken.split(':')[1] || 'the development user');
    });
  }

  window.addEventListener('load', async () => {
    if (!window.Clerk) {
      if (mode !== 'dev') {
        document.getElementById('signin-state').textContent = 'Sign-in is not configured on this server.';
      }
      return;
    }
    await window.Clerk.load();
    if (window.Clerk.user) {
      await signedIn(window.Clerk.user.primaryEmailAddress ? window.Clerk.user.primaryEmailAddress.emailAddress : window.Clerk.user.id);
    } else {
      window.Clerk.mountSignIn(document.getElementById('clerk-signin'));
    }
  });
}());
