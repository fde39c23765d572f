// Run-time half of a11yAttributes.js: the props ariaRole, ariaLabel … map to the template's keys.
import { mergeInternalComponents } from '@tarojs/shared';
import { ariaAttributes } from './a11yAttributes.shared';

mergeInternalComponents({ View: ariaAttributes, Text: ariaAttributes });
