import { describe, expect, it } from 'vitest';
import { fromLocal } from '../../lib/time-zone';
import { parse } from './parse';

// Monday 23 November 2026, 10:00 in Berlin.
const clock = { now: new Date('2026-11-23T09:00:00Z'), timeZone: 'Europe/Berlin' };
// A day alone is all-day (`YYYY-MM-DD`); a day and a time is that instant in Berlin.
const local = (date: string, time?: string) => {
  if (time === undefined) return date;
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return fromLocal(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute! },
    clock.timeZone,
  ).toISOString();
};
const text = (t: string) => ({ kind: 'text', text: t });

describe('parse: adding', () => {
  it.each([
    [
      'add a high priority task to call mom tomorrow',
      { title: 'Call mom', priority: 'high', due_date: local('2026-11-24') },
    ],
    [
      'buy groceries tomorrow, high priority',
      { title: 'Buy groceries', priority: 'high', due_date: local('2026-11-24') },
    ],
    ['call the plumber friday at 8am', { title: 'Call the plumber', due_date: local('2026-11-27', '08:00') }],
    ['Renew car insurance, urgent', { title: 'Renew car insurance', priority: 'high' }],
    ['actually add pick up dry cleaning', { title: 'Pick up dry cleaning' }],
    ['is the dentist tomorrow?', null],
    ['dinner with Sam tomorrow?', null],
    ['dentist appointment thursday at 2pm', { title: 'Dentist appointment', due_date: local('2026-11-26', '14:00') }],
    ['the weather in Paris', null],
    [
      'add buy groceries tomorrow, high priority',
      { title: 'Buy groceries', priority: 'high', due_date: local('2026-11-24') },
    ],
    ['Add milk', { title: 'Milk' }],
    [
      'create a task called Quarterly report due friday at 3pm',
      { title: 'Quarterly report', due_date: local('2026-11-27', '15:00') },
    ],
    ['remind me to call the bank in 2 days', { title: 'Call the bank', due_date: local('2026-11-25') }],
    ['Remind me to water the plants tonight', { title: 'Water the plants', due_date: local('2026-11-23', '20:00') }],
    ['please add "Read Dune tomorrow" to my list', { title: 'Read Dune tomorrow' }],
    [
      'new task: renew passport by dec 5, urgent',
      { title: 'Renew passport', priority: 'high', due_date: local('2026-12-05') },
    ],
    ['add pay rent on 2026-12-01 priority low', { title: 'Pay rent', priority: 'low', due_date: local('2026-12-01') }],
    ['i need to book flights next week', { title: 'Book flights', due_date: local('2026-11-30') }],
    ['add email Sam with notes: ask about the invoice', { title: 'Email Sam', description: 'ask about the invoice' }],
    ['todo: buy sun cream', { title: 'Buy sun cream' }],
    [
      'can you add dentist appointment at 9am on thursday please',
      { title: 'Dentist appointment', due_date: local('2026-11-26', '09:00') },
    ],
    ['add a low-priority task to tidy the garage', { title: 'Tidy the garage', priority: 'low' }],
    ['add sell the car', { title: 'Sell the car' }],
    ['add note the meter reading', { title: 'Note the meter reading' }],
    ['add details for the form, due friday', { title: 'Details for the form', due_date: local('2026-11-27') }],
    ['I have to submit taxes by dec 15', { title: 'Submit taxes', due_date: local('2026-12-15') }],
    ['add a task to send the invoice', { title: 'Send the invoice' }],
    ['add tasks: sort the mail', { title: 'Sort the mail' }],
  ])('%s', (message, expected) => {
    const intent = parse(message, clock);
    if (expected === null) expect(intent.type).not.toBe('add');
    else expect(intent).toEqual({ type: 'add', ...expected });
  });

  it('asks for a title when there is none', () => {
    expect(parse('add tomorrow', clock)).toEqual({ type: 'unknown', reason: 'no_title' });
  });
});

describe('parse: listing', () => {
  it.each([
    ['list', {}],
    ['show my tasks', {}],
    ['What do I have?', {}],
    ["what's on my plate", {}],
    ['what do I need to do?', { completed: false }],
    ["what's next?", { completed: false }],
    ['anything due today?', { due: 'today' }],
    ['list all tasks', {}],
    ['show pending tasks', { completed: false }],
    ['what is left to do?', { completed: false }],
    ['show completed tasks', { completed: true }],
    ["what's done", { completed: true }],
    ['what did I finish?', { completed: true }],
    ['is anything overdue?', { due: 'overdue' }],
    ['are there any tasks due today', { due: 'today' }],
    ['what is the plan for today?', { due: 'today' }],
    ['high priority tasks please', { priority: 'high' }],
    ['overdue tasks', { due: 'overdue' }],
    ['tasks due tomorrow', { due: 'tomorrow' }],
    ["what's due on friday?", { due: { on: local('2026-11-27') } }],
    ['show tasks for dec 5', { due: { on: local('2026-12-05') } }],
    ['what have I completed', { completed: true }],
    ['show high priority tasks', { priority: 'high' }],
    ['list low priority tasks', { priority: 'low' }],
    ["what's due today?", { due: 'today' }],
    ['what is due tomorrow', { due: 'tomorrow' }],
    ['show overdue tasks', { due: 'overdue' }],
    ['overdue', { due: 'overdue' }],
    ['what do I have due this week', { due: 'week' }],
    ['find groceries', { query: 'groceries' }],
    ['search for "tax"', { query: 'tax' }],
    ['show tasks about the garden', { query: 'the garden' }],
  ])('%s', (message, expected) => {
    const intent = parse(message, clock);
    if (expected === null) expect(intent.type).toBe('unknown');
    else expect(intent).toEqual({ type: 'list', ...expected });
  });
});

describe('parse: acting on one task', () => {
  it.each([
    ['complete buy milk', { type: 'complete', ref: text('buy milk'), completed: true }],
    ['mark the milk task as done', { type: 'complete', ref: text('milk'), completed: true }],
    ['Done with the report.', { type: 'complete', ref: text('report'), completed: true }],
    ['check off call mom', { type: 'complete', ref: text('call mom'), completed: true }],
    ['tick 2 off', { type: 'complete', ref: { kind: 'number', n: 2 }, completed: true }],
    ['finished #3', { type: 'complete', ref: { kind: 'number', n: 3 }, completed: true }],
    ['the report is done', { type: 'complete', ref: text('report'), completed: true }],
    ['I did the laundry', { type: 'complete', ref: text('laundry'), completed: true }],
    ['complete the second one', { type: 'complete', ref: { kind: 'number', n: 2 }, completed: true }],
    ['reopen buy milk', { type: 'complete', ref: text('buy milk'), completed: false }],
    ['mark call mom as not done', { type: 'complete', ref: text('call mom'), completed: false }],
    ['delete buy milk', { type: 'delete', ref: text('buy milk') }],
    ['remove task 4', { type: 'delete', ref: { kind: 'number', n: 4 } }],
    ['get rid of it', { type: 'delete', ref: { kind: 'it' } }],
    [
      'delete 3f2b6a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      { type: 'delete', ref: { kind: 'id', id: '3f2b6a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' } },
    ],
    ['rename buy milk to buy oat milk', { type: 'update', ref: text('buy milk'), changes: { title: 'buy oat milk' } }],
    [
      'change the title of 2 to "Call dad"',
      { type: 'update', ref: { kind: 'number', n: 2 }, changes: { title: 'Call dad' } },
    ],
    ['make it high priority', { type: 'update', ref: { kind: 'it' }, changes: { priority: 'high' } }],
    ['set the priority of the report to low', { type: 'update', ref: text('report'), changes: { priority: 'low' } }],
    ['mark taxes as urgent', { type: 'update', ref: text('taxes'), changes: { priority: 'high' } }],
    ['move the report to friday', { type: 'update', ref: text('report'), changes: { due_date: local('2026-11-27') } }],
    [
      'postpone call mom until tomorrow at 6pm',
      { type: 'update', ref: text('call mom'), changes: { due_date: local('2026-11-24', '18:00') } },
    ],
    [
      'the report is due next monday',
      { type: 'update', ref: text('report'), changes: { due_date: local('2026-11-30') } },
    ],
    ['clear the due date of call mom', { type: 'update', ref: text('call mom'), changes: { due_date: null } }],
    [
      'add a note to call mom: ask about christmas',
      { type: 'update', ref: text('call mom'), changes: { description: 'ask about christmas' } },
    ],
    [
      'remove the description from 1',
      { type: 'update', ref: { kind: 'number', n: 1 }, changes: { description: null } },
    ],
    ['show call mom', { type: 'show', ref: text('call mom') }],
    ['when is the meeting?', { type: 'show', ref: text('meeting') }],
    ["when's the report due", { type: 'show', ref: text('report') }],
    ['delete all tasks', { type: 'unknown', reason: 'delete_all' }],
    [
      'set due date of call mom to friday noon',
      { type: 'update', ref: text('call mom'), changes: { due_date: local('2026-11-27', '12:00') } },
    ],
    ['mark everything as done', { type: 'complete_all' }],
    ['complete all tasks', { type: 'complete_all' }],
    ['mark all as done', { type: 'complete_all' }],
    ['remove everything', { type: 'unknown', reason: 'delete_all' }],
    [
      'change the dentist to next monday at 10am',
      { type: 'update', ref: text('dentist'), changes: { due_date: local('2026-11-30', '10:00') } },
    ],
    [
      'update the report for friday',
      { type: 'update', ref: text('report'), changes: { due_date: local('2026-11-27') } },
    ],
    ['change call mom to call dad', { type: 'update', ref: text('call mom'), changes: { title: 'call dad' } }],
    ['change the report to done', { type: 'complete', ref: text('report'), completed: true }],
    ['actually reopen groceries', { type: 'complete', ref: text('groceries'), completed: false }],
    ['clear all completed tasks', { type: 'clear_completed' }],
    ['delete the done ones', { type: 'clear_completed' }],
    ['remove completed', { type: 'clear_completed' }],
    ['delete the completed report', { type: 'delete', ref: text('completed report') }],
  ])('%s', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });
});

describe('parse: conversation', () => {
  it.each([
    ['help', { type: 'help' }],
    ['what can you do?', { type: 'help' }],
    ['hi', { type: 'greet' }],
    ['thanks!', { type: 'thanks' }],
    ['2', { type: 'select', n: 2 }],
    ['#3', { type: 'select', n: 3 }],
    ['the first one', { type: 'select', n: 1 }],
    ['last', { type: 'select', n: -1 }],
    ['undo', { type: 'undo' }],
    ['Undo that!', { type: 'undo' }],
    ['cancel that', { type: 'undo' }],
    ['oops, undo', { type: 'undo' }],
    ['take it back', { type: 'undo' }],
    ['undo buy milk', { type: 'complete', ref: text('buy milk'), completed: false }],
    ['the weather in Paris', { type: 'unknown' }],
    ['', { type: 'unknown' }],
  ])('%s', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });
});
