export default defineAppConfig({
  pages: ['pages/entry/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '创新管理与知识产权国际标准测评',
    navigationBarTextStyle: 'black',
  },
});
