
// this file is generated — do not edit it


/// <reference types="@sveltejs/kit" />

/**
 * This module provides access to environment variables that are injected _statically_ into your bundle at build time and are limited to _private_ access.
 * 
 * |         | Runtime                                                                    | Build time                                                               |
 * | ------- | -------------------------------------------------------------------------- | ------------------------------------------------------------------------ |
 * | Private | [`$env/dynamic/private`](https://svelte.dev/docs/kit/$env-dynamic-private) | [`$env/static/private`](https://svelte.dev/docs/kit/$env-static-private) |
 * | Public  | [`$env/dynamic/public`](https://svelte.dev/docs/kit/$env-dynamic-public)   | [`$env/static/public`](https://svelte.dev/docs/kit/$env-static-public)   |
 * 
 * Static environment variables are [loaded by Vite](https://vitejs.dev/guide/env-and-mode.html#env-files) from `.env` files and `process.env` at build time and then statically injected into your bundle at build time, enabling optimisations like dead code elimination.
 * 
 * **_Private_ access:**
 * 
 * - This module cannot be imported into client-side code
 * - This module only includes variables that _do not_ begin with [`config.kit.env.publicPrefix`](https://svelte.dev/docs/kit/configuration#env) _and do_ start with [`config.kit.env.privatePrefix`](https://svelte.dev/docs/kit/configuration#env) (if configured)
 * 
 * For example, given the following build time environment:
 * 
 * ```env
 * ENVIRONMENT=production
 * PUBLIC_BASE_URL=http://site.com
 * ```
 * 
 * With the default `publicPrefix` and `privatePrefix`:
 * 
 * ```ts
 * import { ENVIRONMENT, PUBLIC_BASE_URL } from '$env/static/private';
 * 
 * console.log(ENVIRONMENT); // => "production"
 * console.log(PUBLIC_BASE_URL); // => throws error during build
 * ```
 * 
 * The above values will be the same _even if_ different values for `ENVIRONMENT` or `PUBLIC_BASE_URL` are set at runtime, as they are statically replaced in your code with their build time values.
 */
declare module '$env/static/private' {
	export const SHELL: string;
	export const IS_SANDBOX: string;
	export const PYTHONUNBUFFERED: string;
	export const TF_CLI_CONFIG_FILE: string;
	export const DOTNET_CLI_TELEMETRY_OPTOUT: string;
	export const NODE_EXTRA_CA_CERTS: string;
	export const OPENBLAS_L2_SIZE: string;
	export const CONTAINER_NAME: string;
	export const PWD: string;
	export const HOME: string;
	export const GIT_SSL_CAINFO: string;
	export const LANG: string;
	export const CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE: string;
	export const SSL_CERT_DIR: string;
	export const NIX_SSL_CERT_FILE: string;
	export const DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE: string;
	export const TOX_OVERRIDE: string;
	export const PIP_DEFAULT_TIMEOUT: string;
	export const TOX_TESTENV_PASSENV: string;
	export const TERM: string;
	export const MSBUILDDISABLENODEREUSE: string;
	export const DOTNET_GENERATE_ASPNET_CERTIFICATE: string;
	export const RUSTUP_AUTO_INSTALL: string;
	export const OPENBLAS_CORETYPE: string;
	export const CURL_CA_BUNDLE: string;
	export const PIP_DISABLE_PIP_VERSION_CHECK: string;
	export const DOTNET_CLI_USE_MSBUILD_SERVER: string;
	export const UseSharedCompilation: string;
	export const SHLVL: string;
	export const NUGET_CERT_REVOCATION_MODE: string;
	export const DOTNET_NOLOGO: string;
	export const PYTHONDONTWRITEBYTECODE: string;
	export const CLOUD_SDK_VERSION: string;
	export const SSL_CERT_FILE: string;
	export const NVPL_BLAS_DEBUG_CPU_TYPE: string;
	export const PYENV_ROOT: string;
	export const PIP_CERT: string;
	export const REQUESTS_CA_BUNDLE: string;
	export const AWS_CA_BUNDLE: string;
	export const PIP_FIND_LINKS: string;
	export const PATH: string;
	export const HTTPLIB2_CA_CERTS: string;
	export const RUST_BACKTRACE: string;
	export const GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: string;
	export const DEBIAN_FRONTEND: string;
	export const OLDPWD: string;
	export const _: string;
	export const TEST: string;
	export const VITEST: string;
	export const NODE_ENV: string;
	export const PROD: string;
	export const DEV: string;
	export const BASE_URL: string;
	export const MODE: string;
}

/**
 * This module provides access to environment variables that are injected _statically_ into your bundle at build time and are _publicly_ accessible.
 * 
 * |         | Runtime                                                                    | Build time                                                               |
 * | ------- | -------------------------------------------------------------------------- | ------------------------------------------------------------------------ |
 * | Private | [`$env/dynamic/private`](https://svelte.dev/docs/kit/$env-dynamic-private) | [`$env/static/private`](https://svelte.dev/docs/kit/$env-static-private) |
 * | Public  | [`$env/dynamic/public`](https://svelte.dev/docs/kit/$env-dynamic-public)   | [`$env/static/public`](https://svelte.dev/docs/kit/$env-static-public)   |
 * 
 * Static environment variables are [loaded by Vite](https://vitejs.dev/guide/env-and-mode.html#env-files) from `.env` files and `process.env` at build time and then statically injected into your bundle at build time, enabling optimisations like dead code elimination.
 * 
 * **_Public_ access:**
 * 
 * - This module _can_ be imported into client-side code
 * - **Only** variables that begin with [`config.kit.env.publicPrefix`](https://svelte.dev/docs/kit/configuration#env) (which defaults to `PUBLIC_`) are included
 * 
 * For example, given the following build time environment:
 * 
 * ```env
 * ENVIRONMENT=production
 * PUBLIC_BASE_URL=http://site.com
 * ```
 * 
 * With the default `publicPrefix` and `privatePrefix`:
 * 
 * ```ts
 * import { ENVIRONMENT, PUBLIC_BASE_URL } from '$env/static/public';
 * 
 * console.log(ENVIRONMENT); // => throws error during build
 * console.log(PUBLIC_BASE_URL); // => "http://site.com"
 * ```
 * 
 * The above values will be the same _even if_ different values for `ENVIRONMENT` or `PUBLIC_BASE_URL` are set at runtime, as they are statically replaced in your code with their build time values.
 */
declare module '$env/static/public' {
	
}

/**
 * This module provides access to environment variables set _dynamically_ at runtime and that are limited to _private_ access.
 * 
 * |         | Runtime                                                                    | Build time                                                               |
 * | ------- | -------------------------------------------------------------------------- | ------------------------------------------------------------------------ |
 * | Private | [`$env/dynamic/private`](https://svelte.dev/docs/kit/$env-dynamic-private) | [`$env/static/private`](https://svelte.dev/docs/kit/$env-static-private) |
 * | Public  | [`$env/dynamic/public`](https://svelte.dev/docs/kit/$env-dynamic-public)   | [`$env/static/public`](https://svelte.dev/docs/kit/$env-static-public)   |
 * 
 * Dynamic environment variables are defined by the platform you're running on. For example if you're using [`adapter-node`](https://github.com/sveltejs/kit/tree/main/packages/adapter-node) (or running [`vite preview`](https://svelte.dev/docs/kit/cli)), this is equivalent to `process.env`.
 * 
 * **_Private_ access:**
 * 
 * - This module cannot be imported into client-side code
 * - This module includes variables that _do not_ begin with [`config.kit.env.publicPrefix`](https://svelte.dev/docs/kit/configuration#env) _and do_ start with [`config.kit.env.privatePrefix`](https://svelte.dev/docs/kit/configuration#env) (if configured)
 * 
 * > [!NOTE] In `dev`, `$env/dynamic` includes environment variables from `.env`. In `prod`, this behavior will depend on your adapter.
 * 
 * > [!NOTE] To get correct types, environment variables referenced in your code should be declared (for example in an `.env` file), even if they don't have a value until the app is deployed:
 * >
 * > ```env
 * > MY_FEATURE_FLAG=
 * > ```
 * >
 * > You can override `.env` values from the command line like so:
 * >
 * > ```sh
 * > MY_FEATURE_FLAG="enabled" npm run dev
 * > ```
 * 
 * For example, given the following runtime environment:
 * 
 * ```env
 * ENVIRONMENT=production
 * PUBLIC_BASE_URL=http://site.com
 * ```
 * 
 * With the default `publicPrefix` and `privatePrefix`:
 * 
 * ```ts
 * import { env } from '$env/dynamic/private';
 * 
 * console.log(env.ENVIRONMENT); // => "production"
 * console.log(env.PUBLIC_BASE_URL); // => undefined
 * ```
 */
declare module '$env/dynamic/private' {
	export const env: {
		SHELL: string;
		IS_SANDBOX: string;
		PYTHONUNBUFFERED: string;
		TF_CLI_CONFIG_FILE: string;
		DOTNET_CLI_TELEMETRY_OPTOUT: string;
		NODE_EXTRA_CA_CERTS: string;
		OPENBLAS_L2_SIZE: string;
		CONTAINER_NAME: string;
		PWD: string;
		HOME: string;
		GIT_SSL_CAINFO: string;
		LANG: string;
		CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE: string;
		SSL_CERT_DIR: string;
		NIX_SSL_CERT_FILE: string;
		DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE: string;
		TOX_OVERRIDE: string;
		PIP_DEFAULT_TIMEOUT: string;
		TOX_TESTENV_PASSENV: string;
		TERM: string;
		MSBUILDDISABLENODEREUSE: string;
		DOTNET_GENERATE_ASPNET_CERTIFICATE: string;
		RUSTUP_AUTO_INSTALL: string;
		OPENBLAS_CORETYPE: string;
		CURL_CA_BUNDLE: string;
		PIP_DISABLE_PIP_VERSION_CHECK: string;
		DOTNET_CLI_USE_MSBUILD_SERVER: string;
		UseSharedCompilation: string;
		SHLVL: string;
		NUGET_CERT_REVOCATION_MODE: string;
		DOTNET_NOLOGO: string;
		PYTHONDONTWRITEBYTECODE: string;
		CLOUD_SDK_VERSION: string;
		SSL_CERT_FILE: string;
		NVPL_BLAS_DEBUG_CPU_TYPE: string;
		PYENV_ROOT: string;
		PIP_CERT: string;
		REQUESTS_CA_BUNDLE: string;
		AWS_CA_BUNDLE: string;
		PIP_FIND_LINKS: string;
		PATH: string;
		HTTPLIB2_CA_CERTS: string;
		RUST_BACKTRACE: string;
		GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: string;
		DEBIAN_FRONTEND: string;
		OLDPWD: string;
		_: string;
		TEST: string;
		VITEST: string;
		NODE_ENV: string;
		PROD: string;
		DEV: string;
		BASE_URL: string;
		MODE: string;
		[key: `PUBLIC_${string}`]: undefined;
		[key: `${string}`]: string | undefined;
	}
}

/**
 * This module provides access to environment variables set _dynamically_ at runtime and that are _publicly_ accessible.
 * 
 * |         | Runtime                                                                    | Build time                                                               |
 * | ------- | -------------------------------------------------------------------------- | ------------------------------------------------------------------------ |
 * | Private | [`$env/dynamic/private`](https://svelte.dev/docs/kit/$env-dynamic-private) | [`$env/static/private`](https://svelte.dev/docs/kit/$env-static-private) |
 * | Public  | [`$env/dynamic/public`](https://svelte.dev/docs/kit/$env-dynamic-public)   | [`$env/static/public`](https://svelte.dev/docs/kit/$env-static-public)   |
 * 
 * Dynamic environment variables are defined by the platform you're running on. For example if you're using [`adapter-node`](https://github.com/sveltejs/kit/tree/main/packages/adapter-node) (or running [`vite preview`](https://svelte.dev/docs/kit/cli)), this is equivalent to `process.env`.
 * 
 * **_Public_ access:**
 * 
 * - This module _can_ be imported into client-side code
 * - **Only** variables that begin with [`config.kit.env.publicPrefix`](https://svelte.dev/docs/kit/configuration#env) (which defaults to `PUBLIC_`) are included
 * 
 * > [!NOTE] In `dev`, `$env/dynamic` includes environment variables from `.env`. In `prod`, this behavior will depend on your adapter.
 * 
 * > [!NOTE] To get correct types, environment variables referenced in your code should be declared (for example in an `.env` file), even if they don't have a value until the app is deployed:
 * >
 * > ```env
 * > MY_FEATURE_FLAG=
 * > ```
 * >
 * > You can override `.env` values from the command line like so:
 * >
 * > ```sh
 * > MY_FEATURE_FLAG="enabled" npm run dev
 * > ```
 * 
 * For example, given the following runtime environment:
 * 
 * ```env
 * ENVIRONMENT=production
 * PUBLIC_BASE_URL=http://example.com
 * ```
 * 
 * With the default `publicPrefix` and `privatePrefix`:
 * 
 * ```ts
 * import { env } from '$env/dynamic/public';
 * console.log(env.ENVIRONMENT); // => undefined, not public
 * console.log(env.PUBLIC_BASE_URL); // => "http://example.com"
 * ```
 * 
 * ```
 * 
 * ```
 */
declare module '$env/dynamic/public' {
	export const env: {
		[key: `PUBLIC_${string}`]: string | undefined;
	}
}
