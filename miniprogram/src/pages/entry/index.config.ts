export default definePageConfig({ navigationBarTitleText: '测评登录' });
