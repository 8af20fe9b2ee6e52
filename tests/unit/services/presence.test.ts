import { describe, expect, it } from 'vitest';
import { Presence } from '../../../server/services/presence.ts';

describe('Presence', () => {
  it('knows nobody at first', () => {
    expect(new Presence().isConnected('s1', 'p1')).toBe(false);
  });

  it('marks a participant connected with one socket and absent when it closes', () => {
    const presence = new Presence();
    presence.connected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(true);
    presence.disconnected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(false);
  });

  it('counts sockets: with two tabs open, closing one keeps the participant connected', () => {
    const presence = new Presence();
    presence.connected('s1', 'p1');
    presence.connected('s1', 'p1');
    presence.disconnected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(true);
    presence.disconnected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(false);
  });

  it('counts again from zero after the last socket closed', () => {
    const presence = new Presence();
    presence.connected('s1', 'p1');
    presence.disconnected('s1', 'p1');
    presence.connected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(true);
    presence.disconnected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(false);
  });

  it('keeps participants apart', () => {
    const presence = new Presence();
    presence.connected('s1', 'p1');
    presence.connected('s1', 'p2');
    presence.disconnected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(false);
    expect(presence.isConnected('s1', 'p2')).toBe(true);
  });

  it('keeps sessions apart, even for the same participant id', () => {
    const presence = new Presence();
    presence.connected('s1', 'p1');
    expect(presence.isConnected('s2', 'p1')).toBe(false);
    presence.connected('s2', 'p1');
    presence.disconnected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(false);
    expect(presence.isConnected('s2', 'p1')).toBe(true);
  });

  it('ignores a disconnect it never saw a connect for, in an unknown or a known session', () => {
    const presence = new Presence();
    expect(() => presence.disconnected('nowhere', 'p1')).not.toThrow();
    presence.connected('s1', 'p1');
    expect(() => presence.disconnected('s1', 'stranger')).not.toThrow();
    expect(presence.isConnected('s1', 'p1')).toBe(true);
    expect(presence.isConnected('s1', 'stranger')).toBe(false);
  });

  it('does not let extra disconnects go below zero and swallow a later connect', () => {
    const presence = new Presence();
    presence.connected('s1', 'p1');
    presence.disconnected('s1', 'p1');
    presence.disconnected('s1', 'p1');
    presence.disconnected('s1', 'p1');
    presence.connected('s1', 'p1');
    expect(presence.isConnected('s1', 'p1')).toBe(true);
  });
});
