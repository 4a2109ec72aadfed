'use client';
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & { value: string; onCommit: (value: string) => void; delayMs?: number };

/** A text input that reports what was typed once typing pauses (one query per pause, not per key). */
export function DebouncedInput({ value, onCommit, delayMs = 300, ...rest }: Props) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  const sent = useRef(value);
  // Changed from outside (filters cleared): show it, and drop a commit still waiting.
  useEffect(() => {
    if (value !== sent.current) clearTimeout(timer.current);
    sent.current = value;
    setText(value);
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <input
      {...rest}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          sent.current = next;
          commit.current(next);
        }, delayMs);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          clearTimeout(timer.current);
          sent.current = text;
          commit.current(text);
        }
      }}
    />
  );
}
