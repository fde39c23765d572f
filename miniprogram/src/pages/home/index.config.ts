export default definePageConfig({ navigationBarTitleText: '测评首页', enablePullDownRefresh: true });
