/**
 * Pages of the enterprise app live in the main package (≤ 800 KB on WeChat; checked by
 * scripts/weapp-size.mjs). The bureau and national dashboards go in the `packages/bureau`
 * subpackage, loaded only by staff, so enterprises never download them.
 */
export default defineAppConfig({
  pages: [
    'pages/entry/index',
    'pages/home/index',
    'pages/questionnaire/index',
    'pages/review/index',
    'pages/result/index',
    'pages/answers/index',
    'pages/workbook/index',
  ],
  subPackages: [
    {
      root: 'packages/bureau',
      pages: ['pages/index/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f4f6fa',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '创新管理与知识产权国际标准测评',
    navigationBarTextStyle: 'black',
  },
});
