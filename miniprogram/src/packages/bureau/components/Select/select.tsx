import { useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import { pressable } from '../../../../platform/pressable';
import type { SelectProps } from './select.types';
import './index.scss';

export type { SelectOption, SelectProps } from './select.types';

/**
 * A drop-down (neutral default: WeChat) drawn from views: a sheet of options over the page.
 * Not WeChat's <picker>: Taro puts the template of every native component the app uses into the
 * main package's base.wxml, and the staff pages must add nothing there. The H5 sibling is a
 * native <select>.
 */
export function Select({ label, value, options, onChange, disabled = false, className = '' }: SelectProps) {
  const [open, setOpen] = useState(false);
  const current = options.find((option) => option.value === value) ?? options[0];
  return (
    <>
      <View
        className={`bureau-select ${disabled ? 'disabled' : ''} ${className}`}
        onClick={() => !disabled && setOpen(true)}
        {...pressable({ label: `${label}：${current?.label ?? ''}`, disabled })}
      >
        <Text>{current?.label ?? ''}</Text>
        <Text className='bureau-select-caret'>▾</Text>
      </View>
      {open && (
        <View className='bureau-sheet-mask' onClick={() => setOpen(false)}>
          <View className='bureau-sheet' onClick={(event) => event.stopPropagation()}>
            <ScrollView scrollY className='bureau-sheet-list'>
              {options.map((option) => (
                <View
                  key={option.value}
                  className={`bureau-sheet-option ${option.value === value ? 'selected' : ''}`}
                  {...pressable({ pressed: option.value === value })}
                  onClick={() => {
                    setOpen(false);
                    if (option.value !== value) onChange(option.value);
                  }}
                >
                  <Text>{option.label}</Text>
                </View>
              ))}
            </ScrollView>
            <View className='bureau-sheet-cancel' onClick={() => setOpen(false)} {...pressable()}>
              <Text>取消</Text>
            </View>
          </View>
        </View>
      )}
    </>
  );
}
