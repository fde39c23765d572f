import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const platform = process.env.TARO_ENV ?? 'weapp';
const apiBase = process.env.TARO_APP_API_BASE ?? '';
if (platform === 'weapp' && !/^https:\/\//.test(apiBase)) {
  // wx.request needs an absolute https URL on the mini-program's domain whitelist.
  console.warn('⚠ TARO_APP_API_BASE 未设置为 https 地址：小程序无法访问 BFF（仅 H5 可用相对地址）。');
}
// The repo's shared/ package is consumed from TypeScript source, so webpack must compile it.
const sharedSource = path.resolve(__dirname, '..', '..', 'shared');

/** The slice of webpack's ChunkGraph the H5 chunking below reads. */
interface ChunkGraph {
  getModuleChunksIterable(module: unknown): Iterable<unknown>;
  getChunkModulesIterable(chunk: unknown): Iterable<{ resource?: string }>;
}
const bureauSource = /[\\/]src[\\/]packages[\\/]bureau[\\/]/;

/** How many chunks of enterprise pages (any chunk holding no staff-subpackage module) hold a module. */
function enterpriseChunksOf(module: unknown, chunkGraph: ChunkGraph): number {
  let count = 0;
  for (const chunk of chunkGraph.getModuleChunksIterable(module)) {
    let bureau = false;
    for (const m of chunkGraph.getChunkModulesIterable(chunk)) {
      if (bureauSource.test(m.resource ?? '')) {
        bureau = true;
        break;
      }
    }
    if (!bureau) count += 1;
  }
  return count;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'iso56005-assessment',
    date: '2026-11-24',
    // NutUI's stylesheets are written for a 375 px design; ours for 750.
    designWidth(input?: string | number | { file?: string }) {
      return typeof input === 'object' && input.file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    // WeChat's aria-* attributes on views and texts (answer options, buttons): config/a11yAttributes.js.
    plugins: [path.resolve(__dirname, 'a11yAttributes.js')],
    defineConstants: {
      // Where the API lives. H5 is served by the BFF on the same origin, so '' means relative.
      API_BASE: JSON.stringify(apiBase),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSource] },
      // Component styles are independent of one another; their order across pages does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: [sharedSource] },
      // Taro splits only initial chunks on H5, so every page chunk carried its own copy of zod,
      // NutUI and the shared engine. One async chunk for what two or more pages use instead.
      // The staff pages (packages/bureau) are kept out of it: what only they use goes to a
      // `bureau` chunk, so an enterprise's first page never downloads dashboard code (and
      // ECharts, imported lazily there, stays a chunk of its own).
      webpackChain(chain) {
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              pagesCommon: {
                name: 'pages-common',
                chunks: 'async',
                minChunks: 2,
                priority: 5,
                reuseExistingChunk: true,
                enforce: true,
                test: (module: unknown, { chunkGraph }: { chunkGraph: ChunkGraph }) => enterpriseChunksOf(module, chunkGraph) >= 2,
              },
              // The password-strength dictionaries (~400 KB), used by the staff accounts form alone.
              zxcvbn: {
                name: 'zxcvbn',
                chunks: 'async',
                priority: 6,
                enforce: true,
                test: /[\\/]node_modules[\\/]@zxcvbn-ts[\\/]/,
              },
              bureau: {
                name: 'bureau',
                chunks: 'async',
                minChunks: 2,
                priority: 4,
                reuseExistingChunk: true,
                enforce: true,
                test: (module: unknown, { chunkGraph }: { chunkGraph: ChunkGraph }) => enterpriseChunksOf(module, chunkGraph) === 0,
              },
            },
          },
        });
      },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? {} : {});
});
