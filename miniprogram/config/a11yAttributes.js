/**
 * A Taro build plugin: lets the accessibility attributes WeChat supports on <view> and <text>
 * (aria-role, aria-label, aria-checked, aria-disabled, aria-pressed) through to the templates.
 *
 * Taro writes one template per component into base.wxml with only the attributes it knows of,
 * and maps props to short keys at run time from the same list; an attribute missing from both is
 * dropped silently. This merges the attributes into the build-time list (the template) and, via a
 * runtime module, into the run-time list (the same step @tarojs/plugin-inject takes). Only for
 * WeChat; H5 passes aria-* to the DOM as they are.
 */
const path = require('node:path');
const { ariaAttributes } = require('./a11yAttributes.shared');

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (platform.platform !== 'weapp') return;
      const patch = { View: ariaAttributes, Text: ariaAttributes };
      platform.template.mergeComponents(ctx, patch);
      const runtime = path.join(__dirname, 'a11yRuntime.js');
      platform.runtimePath = Array.isArray(platform.runtimePath) ? [...platform.runtimePath, runtime] : [platform.runtimePath, runtime];
    },
  });
};
