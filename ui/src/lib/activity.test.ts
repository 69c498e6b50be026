import { describe, expect, it } from 'vitest';
import { describeChange, describeEvent, relativeTime, type ActivityEvent } from './activity';

const event = (over: Partial<ActivityEvent>): ActivityEvent => ({
  action: 'updated',
  source: 'dashboard',
  changes: {},
  task: { title: 'Buy milk' },
  at: '2026-03-01T12:00:00.000Z',
  ...over,
});

describe('activity in words', () => {
  it('says what happened and from where', () => {
    expect(
      describeEvent(event({ action: 'completed', source: 'chat', changes: { completed: { from: false, to: true } } })),
    ).toBe('Completed from the chat');
    expect(describeEvent(event({ source: 'mcp', changes: { title: { from: 'a', to: 'b' } } }))).toBe(
      'Title changed via MCP',
    );
    // A creation's changes list every field it set: still just "Created".
    const set = { title: { from: null, to: 'Buy milk' }, priority: { from: null, to: 'medium' } };
    expect(describeEvent(event({ action: 'created', changes: set }))).toBe('Created on the dashboard');
    expect(describeEvent(event({ action: 'deleted', source: 'api' }))).toBe('Deleted via the API');
    expect(describeEvent(event({ action: 'restored', source: 'chat' }))).toBe('Restored from the chat');
    expect(describeEvent(event({ action: 'reopened', source: 'mcp' }))).toBe('Reopened via MCP');
  });

  it('names the fields an edit changed', () => {
    const changed = (changes: ActivityEvent['changes']) => describeChange(event({ changes }));
    expect(changed({ priority: { from: 'medium', to: 'high' } })).toBe('Priority changed to high');
    expect(changed({ due_date: { from: null, to: '2026-03-02' } })).toBe('Due date set');
    expect(changed({ due_date: { from: '2026-03-02', to: '2026-03-03' } })).toBe('Due date changed');
    expect(changed({ due_date: { from: '2026-03-02', to: null } })).toBe('Due date removed');
    expect(changed({ description: { from: 'x', to: null } })).toBe('Description removed');
    expect(changed({ title: { from: 'a', to: 'b' }, priority: { from: 'low', to: 'high' } })).toBe(
      'Title and priority changed',
    );
    expect(
      changed({
        title: { from: 'a', to: 'b' },
        description: { from: null, to: 'c' },
        due_date: { from: null, to: '2026-03-02' },
      }),
    ).toBe('Title, description and due date changed');
    expect(
      describeChange(
        event({
          action: 'completed',
          changes: { completed: { from: false, to: true }, title: { from: 'a', to: 'b' } },
        }),
      ),
    ).toBe('Completed, title changed');
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it('counts back from the clock it is given, in the largest whole unit', () => {
    expect(relativeTime(ago(20), now, 'en')).toBe('now');
    expect(relativeTime(ago(-20), now, 'en')).toBe('now'); // the minute clock lags a fresh event
    expect(relativeTime(ago(2 * 60 + 50), now, 'en')).toBe('2 minutes ago');
    expect(relativeTime(ago(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(relativeTime(ago(86_400 + 60), now, 'en')).toBe('yesterday');
    expect(relativeTime(ago(15 * 86_400), now, 'en')).toBe('2 weeks ago');
    expect(relativeTime(ago(400 * 86_400), now, 'en')).toBe('last year');
    // A server clock ahead of this one never makes the past read as the future.
    expect(relativeTime(ago(-5 * 60), now, 'en')).toBe('now');
  });

  it("speaks the reader's language", () => {
    expect(relativeTime(ago(2 * 60), now, 'de')).toBe('vor 2 Minuten');
    expect(relativeTime(ago(86_400), now, 'fr')).toBe('hier');
  });
});
