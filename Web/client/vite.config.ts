import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// A single-page app: every route falls back to index.html, which the ASP.NET host serves from
// Web/wwwroot (one origin with the API it proxies).
export default defineConfig({
	plugins: [
		sveltekit({
			compilerOptions: {
				runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
			},
			adapter: adapter({ pages: '../wwwroot', assets: '../wwwroot', fallback: 'index.html', strict: false })
		})
	],
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		// The test run shares two cores with the browser tests' whole system: a test that loads the
		// app's modules afresh (vi.resetModules) can take seconds to transform them there.
		testTimeout: 30_000
	}
});
