export default definePageConfig({ navigationBarTitleText: '知识产权局工作人员登录' });
