import { useMemo, useState } from 'react';
import { ErrorNote, SeverityBadge } from '../components/Badge';
import { Field, OtherErrors } from '../components/Field';
import { api, ApiError } from '../lib/api';
import { useApi } from '../lib/hooks';
import { navigate } from '../lib/router';
import { slugify } from '../lib/format';
import { newPreference, channelField, parseList, problemFieldErrors, validatePreference } from '../lib/shape';
import type { Channel, Page, Preference } from '../lib/types';

const CHANNEL_TYPES = ['email', 'sms', 'slack', 'webhook', 'alertmanager_webhook', 'alertmanager', 'web_push', 'dashboard'];
const SEVERITIES = ['info', 'warning', 'major', 'critical'];
const SHOWN = ['id', 'name', 'team', 'minseverity', 'matchers', 'escalationlevel', 'groupby', 'groupwait', 'groupinterval', 'repeatinterval', 'enabled',
  'quiethours.start', 'quiethours.end', 'quiethours.timezone', 'quiethours.allowcritical'];

export function PreferencesView({ selected }: { selected: string | null }) {
  const list = useApi<Preference[] | Page<Preference>>('/api/preferences', { pageSize: 500 });
  const prefs = useMemo(() => {
    const d = list.data;
    return (Array.isArray(d) ? d : d?.items ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
  }, [list.data]);
  return (
    <section aria-labelledby="prefs-title">
      <div className="view-head">
        <h1 id="prefs-title">Notification preferences</h1>
        <button type="button" className="primary" onClick={() => navigate({ view: 'preferences', id: 'new' })}>New preference</button>
      </div>
      <ErrorNote error={list.error} />
      <div className="split">
        <nav className="card list" aria-label="Preferences">
          <ul>
            {prefs.map(p => (
              <li key={p.id ?? p.name}>
                <a href={`#/preferences/${encodeURIComponent(p.id ?? '')}`} className={selected === p.id ? 'on' : ''}>
                  <span>{p.name}{!p.enabled && <span className="muted small"> (off)</span>}</span>
                  <span className="row-gap"><span className="muted small">{p.channels.map(c => c.type).join(', ')}</span><SeverityBadge severity={p.minSeverity} /></span>
                </a>
              </li>
            ))}
            {list.data && prefs.length === 0 && <li className="muted small">No preferences yet.</li>}
          </ul>
        </nav>
        <div className="editor">
          {selected ? <PrefLoader key={selected} id={selected} onChanged={id => { list.reload(); navigate({ view: 'preferences', id }); }} />
            : <p className="empty">Choose a preference to edit, or create one.</p>}
        </div>
      </div>
    </section>
  );
}

function PrefLoader({ id, onChanged }: { id: string; onChanged: (id: string | null) => void }) {
  const isNew = id === 'new';
  const res = useApi<Preference>(isNew ? null : `/api/preferences/${encodeURIComponent(id)}`);
  if (isNew) return <PrefEditor initial={newPreference()} isNew onChanged={onChanged} />;
  if (res.error) return <ErrorNote error={res.error} />;
  if (!res.data) return <p className="muted">Loading…</p>;
  return <PrefEditor initial={res.data} isNew={false} onChanged={onChanged} />;
}

function PrefEditor({ initial, isNew, onChanged }: { initial: Preference; isNew: boolean; onChanged: (id: string | null) => void }) {
  const [p, setP] = useState<Preference>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Error | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [matchersText, setMatchersText] = useState(initial.matchers.join(', '));
  const [groupText, setGroupText] = useState(initial.groupBy.join(', '));
  const set = (patch: Partial<Preference>) => { setP(x => ({ ...x, ...patch })); setStatus(null); };
  const setChannel = (i: number, c: Channel) => set({ channels: p.channels.map((x, j) => (j === i ? c : x)) });

  async function save() {
    const body: Preference = { ...p, id: p.id || slugify(p.name), matchers: parseList(matchersText), groupBy: parseList(groupText) };
    if (!body.quietHours) delete body.quietHours;
    const e = validatePreference(body);
    setErrors(e);
    setFailure(null);
    if (Object.keys(e).length) return;
    try {
      await api(`/api/preferences/${encodeURIComponent(body.id!)}`, { method: 'PUT', body });
      setStatus('Saved.');
      if (isNew) onChanged(body.id!);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.problem?.errors) {
        setErrors(problemFieldErrors(err.problem));
        setFailure(new Error(err.problem.title ?? 'The preference is not valid.'));
      } else setFailure(err as Error);
    }
  }

  async function remove() {
    if (!window.confirm(`Delete “${p.name}”?`)) return;
    try {
      await api(`/api/preferences/${encodeURIComponent(p.id!)}`, { method: 'DELETE' });
      onChanged(null);
    } catch (err) { setFailure(err as Error); }
  }

  return (
    <form className="card form" aria-label={`Preference ${p.name || 'new'}`} onSubmit={e => { e.preventDefault(); void save(); }} noValidate>
      <div className="row-between">
        <h2 className="card-title">{isNew ? 'New preference' : p.name}</h2>
        <label className="toggle"><input type="checkbox" checked={p.enabled} onChange={e => set({ enabled: e.target.checked })} /> Enabled</label>
      </div>
      <div className="grid3">
        <Field label="Name" path="name" errors={errors}>{(id, bad) => <input id={id} aria-invalid={bad} value={p.name} onChange={e => set({ name: e.target.value })} />}</Field>
        <Field label="Team" path="team" errors={errors}>{id => <input id={id} value={p.team ?? ''} onChange={e => set({ team: e.target.value || null })} />}</Field>
        <Field label="Min severity" path="minSeverity" errors={errors}>{id => <select id={id} value={p.minSeverity} onChange={e => set({ minSeverity: e.target.value })}>{SEVERITIES.map(s => <option key={s}>{s}</option>)}</select>}</Field>
        <Field label="Matchers (comma-separated)" path="matchers" errors={errors} hint={'e.g. host=~"web-.*"'}>{id => <input id={id} value={matchersText} onChange={e => setMatchersText(e.target.value)} />}</Field>
        <Field label="Escalation level" path="escalationLevel" errors={errors}>{id => <input id={id} type="number" min={0} value={p.escalationLevel} onChange={e => set({ escalationLevel: Number(e.target.value) })} />}</Field>
        <Field label="Group by" path="groupBy" errors={errors}>{id => <input id={id} value={groupText} onChange={e => setGroupText(e.target.value)} />}</Field>
        <Field label="Group wait" path="groupWait" errors={errors}>{(id, bad) => <input id={id} aria-invalid={bad} value={p.groupWait} onChange={e => set({ groupWait: e.target.value })} />}</Field>
        <Field label="Group interval" path="groupInterval" errors={errors}>{(id, bad) => <input id={id} aria-invalid={bad} value={p.groupInterval} onChange={e => set({ groupInterval: e.target.value })} />}</Field>
        <Field label="Repeat interval" path="repeatInterval" errors={errors}>{(id, bad) => <input id={id} aria-invalid={bad} value={p.repeatInterval} onChange={e => set({ repeatInterval: e.target.value })} />}</Field>
      </div>
      <fieldset>
        <legend>Channels</legend>
        {p.channels.map((c, i) => {
          const key = channelField(c.type);
          const path = `channels.${i}`;
          const err = Object.entries(errors).find(([k]) => k.startsWith(path))?.[1];
          return (
            <div className="channel-row" key={i} data-field={path}>
              <select aria-label={`Channel ${i + 1} type`} value={c.type} onChange={e => setChannel(i, { type: e.target.value, [channelField(e.target.value)]: c[key] ?? '' })}>
                {CHANNEL_TYPES.map(t => <option key={t}>{t}</option>)}
              </select>
              <input aria-label={`Channel ${i + 1} ${key}`} placeholder={key} value={c[key] ?? ''} aria-invalid={Boolean(err)} onChange={e => setChannel(i, { ...c, [key]: e.target.value })} />
              <button type="button" className="ghost small" aria-label={`Remove channel ${i + 1}`} onClick={() => set({ channels: p.channels.filter((_, j) => j !== i) })}>✕</button>
              {err && <span className="field-error" role="alert">{err}</span>}
            </div>
          );
        })}
        <button type="button" className="ghost" onClick={() => set({ channels: [...p.channels, { type: 'email', address: '' }] })}>Add channel</button>
      </fieldset>
      <fieldset>
        <legend><label className="toggle"><input type="checkbox" checked={Boolean(p.quietHours)} onChange={e => set({ quietHours: e.target.checked ? { start: '22:00', end: '07:00', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', allowCritical: true } : null })} /> Quiet hours</label></legend>
        {p.quietHours && (
          <div className="grid3">
            <Field label="From" path="quietHours.start" errors={errors}>{id => <input id={id} type="time" value={p.quietHours!.start} onChange={e => set({ quietHours: { ...p.quietHours!, start: e.target.value } })} />}</Field>
            <Field label="To" path="quietHours.end" errors={errors}>{id => <input id={id} type="time" value={p.quietHours!.end} onChange={e => set({ quietHours: { ...p.quietHours!, end: e.target.value } })} />}</Field>
            <Field label="Time zone" path="quietHours.timeZone" errors={errors}>{id => <input id={id} value={p.quietHours!.timeZone} onChange={e => set({ quietHours: { ...p.quietHours!, timeZone: e.target.value } })} />}</Field>
            <div className="field"><label className="toggle"><input type="checkbox" checked={p.quietHours.allowCritical} onChange={e => set({ quietHours: { ...p.quietHours!, allowCritical: e.target.checked } })} /> Critical alerts still notify</label></div>
          </div>
        )}
      </fieldset>
      <OtherErrors errors={Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith('channels.')))} shown={SHOWN} />
      <ErrorNote error={failure} />
      <div className="buttons">
        <button type="submit" className="primary">Save</button>
        {!isNew && <button type="button" className="danger" onClick={() => void remove()}>Delete</button>}
        {status && <span className="ok-note" role="status">{status}</span>}
      </div>
    </form>
  );
}
