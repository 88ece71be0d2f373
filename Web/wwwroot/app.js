// Placeholder: shows that the API answers through this origin (401 = reachable, not signed in).
fetch('/api/me', { headers: { Accept: 'application/json' } })
  .then((r) => {
    document.getElementById('api-status').textContent =
      r.status === 401 ? 'The API is up. Sign-in arrives with the app.' : `The API answered ${r.status}.`;
  })
  .catch(() => {
    document.getElementById('api-status').textContent = 'The API is not reachable right now.';
  });
