export default definePageConfig({ navigationBarTitleText: '检查并提交' });
