import { useMemo, useState } from 'react';
import { ErrorNote, SeverityBadge } from '../components/Badge';
import { Field, OtherErrors } from '../components/Field';
import { api, ApiError } from '../lib/api';
import { useApi } from '../lib/hooks';
import { navigate } from '../lib/router';
import { formatTime, slugify } from '../lib/format';
import { formatTags, newRule, parseList, parseTags, previewTimeline, problemFieldErrors, validateRule, withKind } from '../lib/shape';
import type { Page, PreviewResult, Rule, RuleKind } from '../lib/types';

const SEVERITIES = ['info', 'warning', 'major', 'critical'];
const KINDS: { value: RuleKind; label: string }[] = [
  { value: 'threshold', label: 'Threshold' }, { value: 'anomaly', label: 'Anomaly' }, { value: 'noData', label: 'No data' }, { value: 'log', label: 'Log errors' },
  { value: 'forecast', label: 'Forecast' },
];

const SHOWN = ['id', 'name', 'enabled', 'kind', 'severity', 'for', 'escalateafter', 'inhibitshost', 'scope.hosts', 'scope.tags', 'groupby', 'annotations.summary', 'annotations.description',
  'threshold.metric', 'threshold.series', 'threshold.statistic', 'threshold.comparator', 'threshold.value', 'threshold.clear',
  'anomaly.minseverity', 'anomaly.minscoreratio', 'anomaly.minconsecutivewindows', 'anomaly.models', 'anomaly.perseries', 'anomaly.resolveafter',
  'nodata.after', 'log.minseverity', 'log.mincount', 'log.app', 'log.newtemplate', 'log.resolveafter',
  'forecast.metric', 'forecast.series', 'forecast.limit', 'forecast.horizon', 'forecast.bound', 'forecast.clear'];

export function RulesView({ selected }: { selected: string | null }) {
  const list = useApi<Rule[] | Page<Rule>>('/api/rules', { pageSize: 500 });
  const rules = useMemo(() => {
    const d = list.data;
    return (Array.isArray(d) ? d : d?.items ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
  }, [list.data]);

  return (
    <section aria-labelledby="rules-title">
      <div className="view-head">
        <h1 id="rules-title">Rules</h1>
        <button type="button" className="primary" onClick={() => navigate({ view: 'rules', id: 'new' })}>New rule</button>
      </div>
      <ErrorNote error={list.error} />
      <div className="split">
        <nav className="card list" aria-label="Rules">
          <ul>
            {rules.map(r => (
              <li key={r.id}>
                <a href={`#/rules/${encodeURIComponent(r.id)}`} className={selected === r.id ? 'on' : ''} data-rule={r.id}>
                  <span>{r.name}{!r.enabled && <span className="muted small"> (disabled)</span>}</span>
                  <span className="row-gap"><span className="muted small">{r.kind}</span><SeverityBadge severity={r.severity} /></span>
                </a>
              </li>
            ))}
            {list.data && rules.length === 0 && <li className="muted small">No rules yet.</li>}
          </ul>
        </nav>
        <div className="editor">
          {selected ? <RuleLoader key={selected} id={selected} onSaved={id => { list.reload(); navigate({ view: 'rules', id }); }} onDeleted={() => { list.reload(); navigate({ view: 'rules', id: null }); }} />
            : <p className="empty">Choose a rule to edit, or create one.</p>}
        </div>
      </div>
    </section>
  );
}

function RuleLoader({ id, onSaved, onDeleted }: { id: string; onSaved: (id: string) => void; onDeleted: () => void }) {
  const isNew = id === 'new';
  const res = useApi<Rule>(isNew ? null : `/api/rules/${encodeURIComponent(id)}`);
  if (isNew) return <RuleEditor initial={newRule()} isNew onSaved={onSaved} onDeleted={onDeleted} />;
  if (res.error) return <ErrorNote error={res.error} />;
  if (!res.data) return <p className="muted">Loading…</p>;
  return <RuleEditor initial={withKind(res.data, res.data.kind)} isNew={false} onSaved={onSaved} onDeleted={onDeleted} />;
}

function RuleEditor({ initial, isNew, onSaved, onDeleted }: { initial: Rule; isNew: boolean; onSaved: (id: string) => void; onDeleted: () => void }) {
  const [rule, setRule] = useState<Rule>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [preview, setPreview] = useState<{ result: PreviewResult; from: number; to: number } | null>(null);
  const [busy, setBusy] = useState<'save' | 'preview' | 'delete' | null>(null);
  const [hostsText, setHostsText] = useState((initial.scope?.hosts ?? []).join(', '));
  const [tagsText, setTagsText] = useState(formatTags(initial.scope?.tags));
  const [groupText, setGroupText] = useState((initial.groupBy ?? []).join(', '));

  // A user's edit (not a save's echo) clears the "Saved" note.
  const edit = (f: (r: Rule) => Rule) => { setStatus(null); setRule(f); };
  const set = (patch: Partial<Rule>) => edit(r => ({ ...r, ...patch }));
  const setT = (patch: Partial<NonNullable<Rule['threshold']>>) => edit(r => ({ ...r, threshold: { ...r.threshold!, ...patch } }));
  const setA = (patch: Partial<NonNullable<Rule['anomaly']>>) => edit(r => ({ ...r, anomaly: { ...r.anomaly!, ...patch } }));
  const setL = (patch: Partial<NonNullable<Rule['log']>>) => edit(r => ({ ...r, log: { ...r.log!, ...patch } }));
  const setF = (patch: Partial<NonNullable<Rule['forecast']>>) => edit(r => ({ ...r, forecast: { ...r.forecast!, ...patch } }));

  function body(): Rule {
    const r: Rule = { ...rule, scope: { hosts: parseList(hostsText), tags: parseTags(tagsText) }, groupBy: parseList(groupText) };
    if (!r.escalateAfter) delete r.escalateAfter;
    if (isNew && !r.id) r.id = slugify(r.name);
    return r;
  }

  function check(r: Rule): boolean {
    const e = validateRule(r);
    setErrors(e);
    return Object.keys(e).length === 0;
  }

  async function save() {
    const r = body();
    setFailure(null);
    if (!check(r)) return;
    setBusy('save');
    try {
      const saved = await api<Rule | null>(`/api/rules/${encodeURIComponent(r.id)}`, { method: 'PUT', body: r });
      setErrors({});
      setStatus(`Saved${saved?.version != null ? ` (version ${saved.version})` : ''}.`);
      if (saved && typeof saved === 'object' && saved.id) setRule(withKind(saved, saved.kind));
      if (isNew) onSaved(r.id);
    } catch (e) {
      handle(e);
    } finally {
      setBusy(null);
    }
  }

  async function runPreview() {
    const r = body();
    setFailure(null);
    if (!check(r)) return;
    setBusy('preview');
    const to = Date.now();
    const from = to - 24 * 3600 * 1000;
    try {
      const result = await api<PreviewResult>('/api/rules/preview', { method: 'POST', body: r });
      setPreview({ result, from, to });
    } catch (e) {
      handle(e);
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (!window.confirm(`Delete the rule “${rule.name}”?`)) return;
    setBusy('delete');
    try {
      await api(`/api/rules/${encodeURIComponent(rule.id)}`, { method: 'DELETE' });
      onDeleted();
    } catch (e) {
      handle(e);
    } finally {
      setBusy(null);
    }
  }

  function handle(e: unknown) {
    if (e instanceof ApiError && e.status === 400 && e.problem?.errors) {
      setErrors(problemFieldErrors(e.problem));
      setFailure(new Error(e.problem.title ?? 'The rule is not valid.'));
    } else {
      setFailure(e as Error);
    }
  }

  const timeline = preview ? previewTimeline(preview.result, preview.from, preview.to) : [];

  return (
    <form className="card form" aria-label={`Rule ${rule.name || 'new'}`} onSubmit={e => { e.preventDefault(); void save(); }} data-testid="rule-editor" noValidate>
      <div className="row-between">
        <h2 className="card-title">{isNew ? 'New rule' : rule.name} {rule.version != null && <span className="muted small">version {rule.version}</span>}</h2>
        <label className="toggle"><input type="checkbox" checked={rule.enabled} onChange={e => set({ enabled: e.target.checked })} /> Enabled</label>
      </div>
      <div className="grid2">
        <Field label="Id" path="id" errors={errors} hint={isNew ? 'Left empty: made from the name.' : undefined}>
          {(id, bad) => <input id={id} aria-invalid={bad} value={rule.id} readOnly={!isNew} onChange={e => set({ id: e.target.value })} />}
        </Field>
        <Field label="Name" path="name" errors={errors}>{(id, bad) => <input id={id} aria-invalid={bad} value={rule.name} onChange={e => set({ name: e.target.value })} />}</Field>
        <Field label="Kind" path="kind" errors={errors}>
          {id => <select id={id} value={rule.kind} onChange={e => edit(r => withKind(r, e.target.value as RuleKind))}>{KINDS.map(k => <option key={k.value} value={k.value}>{k.label}</option>)}</select>}
        </Field>
        <Field label="Severity" path="severity" errors={errors}>
          {id => <select id={id} value={rule.severity} onChange={e => set({ severity: e.target.value })}>{SEVERITIES.map(s => <option key={s}>{s}</option>)}</select>}
        </Field>
        <Field label="For (pending before firing)" path="for" errors={errors} hint="e.g. 0s, 30s, 5m">
          {(id, bad) => <input id={id} aria-invalid={bad} value={rule.for ?? ''} onChange={e => set({ for: e.target.value })} />}
        </Field>
        <Field label="Escalate after" path="escalateAfter" errors={errors} hint="empty: never">
          {(id, bad) => <input id={id} aria-invalid={bad} value={rule.escalateAfter ?? ''} onChange={e => set({ escalateAfter: e.target.value || null })} />}
        </Field>
        <Field label="Hosts (comma-separated; empty: all)" path="scope.hosts" errors={errors}>{id => <input id={id} value={hostsText} onChange={e => setHostsText(e.target.value)} />}</Field>
        <Field label="Tags (k=v, comma-separated)" path="scope.tags" errors={errors}>{id => <input id={id} value={tagsText} onChange={e => setTagsText(e.target.value)} />}</Field>
        <Field label="Group by" path="groupBy" errors={errors}>{id => <input id={id} value={groupText} onChange={e => setGroupText(e.target.value)} />}</Field>
        <div className="field"><label className="toggle"><input type="checkbox" checked={Boolean(rule.inhibitsHost)} onChange={e => set({ inhibitsHost: e.target.checked })} /> Mutes the host's other alerts while firing</label></div>
      </div>

      <fieldset>
        <legend>{KINDS.find(k => k.value === rule.kind)?.label} condition</legend>
        {rule.kind === 'threshold' && rule.threshold && (
          <div className="grid3">
            <Field label="Metric" path="threshold.metric" errors={errors}>{(id, bad) => <input id={id} aria-invalid={bad} value={rule.threshold!.metric} onChange={e => setT({ metric: e.target.value })} />}</Field>
            <Field label="Series (optional)" path="threshold.series" errors={errors}>{id => <input id={id} value={rule.threshold!.series ?? ''} onChange={e => setT({ series: e.target.value || null })} />}</Field>
            <Field label="Statistic" path="threshold.statistic" errors={errors}>{id => <select id={id} value={rule.threshold!.statistic} onChange={e => setT({ statistic: e.target.value })}>{['mean', 'max', 'min', 'p95', 'last'].map(s => <option key={s}>{s}</option>)}</select>}</Field>
            <Field label="Comparator" path="threshold.comparator" errors={errors}>{id => <select id={id} value={rule.threshold!.comparator} onChange={e => setT({ comparator: e.target.value })}>{['>', '>=', '<', '<='].map(s => <option key={s}>{s}</option>)}</select>}</Field>
            <Field label="Value" path="threshold.value" errors={errors}>{(id, bad) => <input id={id} aria-invalid={bad} type="number" step="any" value={Number.isFinite(rule.threshold!.value) ? rule.threshold!.value : ''} onChange={e => setT({ value: e.target.value === '' ? NaN : Number(e.target.value) })} />}</Field>
            <Field label="Clear at (optional)" path="threshold.clear" errors={errors}>{id => <input id={id} type="number" step="any" value={rule.threshold!.clear ?? ''} onChange={e => setT({ clear: e.target.value === '' ? null : Number(e.target.value) })} />}</Field>
          </div>
        )}
        {rule.kind === 'anomaly' && rule.anomaly && (
          <div className="grid3">
            <Field label="Min severity" path="anomaly.minSeverity" errors={errors}>{id => <select id={id} value={rule.anomaly!.minSeverity} onChange={e => setA({ minSeverity: e.target.value })}>{SEVERITIES.map(s => <option key={s}>{s}</option>)}</select>}</Field>
            <Field label="Min score / threshold" path="anomaly.minScoreRatio" errors={errors}>{id => <input id={id} type="number" step="any" value={rule.anomaly!.minScoreRatio} onChange={e => setA({ minScoreRatio: Number(e.target.value) })} />}</Field>
            <Field label="Min consecutive windows" path="anomaly.minConsecutiveWindows" errors={errors}>{id => <input id={id} type="number" min={1} value={rule.anomaly!.minConsecutiveWindows} onChange={e => setA({ minConsecutiveWindows: Number(e.target.value) })} />}</Field>
            <Field label="Models (empty: all)" path="anomaly.models" errors={errors}>{id => <input id={id} value={(rule.anomaly!.models ?? []).join(', ')} onChange={e => setA({ models: parseList(e.target.value) })} />}</Field>
            <Field label="Resolve after" path="anomaly.resolveAfter" errors={errors}>{id => <input id={id} value={rule.anomaly!.resolveAfter ?? ''} onChange={e => setA({ resolveAfter: e.target.value })} />}</Field>
            <div className="field"><label className="toggle"><input type="checkbox" checked={Boolean(rule.anomaly!.perSeries)} onChange={e => setA({ perSeries: e.target.checked })} /> One alert per series</label></div>
          </div>
        )}
        {rule.kind === 'noData' && rule.noData && (
          <Field label="Silent for" path="noData.after" errors={errors} hint="e.g. 1m">{(id, bad) => <input id={id} aria-invalid={bad} value={rule.noData!.after} onChange={e => set({ noData: { after: e.target.value } })} />}</Field>
        )}
        {rule.kind === 'log' && rule.log && (
          <div className="grid3">
            <Field label="Min log severity" path="log.minSeverity" errors={errors}>{id => <select id={id} value={rule.log!.minSeverity} onChange={e => setL({ minSeverity: e.target.value })}>{['WARNING', 'ERROR', 'CRITICAL'].map(s => <option key={s}>{s}</option>)}</select>}</Field>
            <Field label="Min count per window" path="log.minCount" errors={errors}>{id => <input id={id} type="number" min={1} value={rule.log!.minCount} onChange={e => setL({ minCount: Number(e.target.value) })} />}</Field>
            <Field label="App (optional)" path="log.app" errors={errors}>{id => <input id={id} value={rule.log!.app ?? ''} onChange={e => setL({ app: e.target.value || null })} />}</Field>
            <Field label="Resolve after" path="log.resolveAfter" errors={errors}>{id => <input id={id} value={rule.log!.resolveAfter ?? ''} onChange={e => setL({ resolveAfter: e.target.value })} />}</Field>
            <div className="field"><label className="toggle"><input type="checkbox" checked={Boolean(rule.log!.newTemplate)} onChange={e => setL({ newTemplate: e.target.checked })} /> Only new message templates</label></div>
          </div>
        )}
        {rule.kind === 'forecast' && rule.forecast && (
          <div className="grid3">
            <Field label="Metric" path="forecast.metric" errors={errors}>{(id, bad) => <input id={id} aria-invalid={bad} value={rule.forecast!.metric} onChange={e => setF({ metric: e.target.value })} />}</Field>
            <Field label="Series (optional)" path="forecast.series" errors={errors} hint="a glob, e.g. fs.used.percent{mount=/}">{id => <input id={id} value={rule.forecast!.series ?? ''} onChange={e => setF({ series: e.target.value || null })} />}</Field>
            <Field label="Limit (optional)" path="forecast.limit" errors={errors} hint="empty: the forecast's own (1 is full)">{id => <input id={id} type="number" step="any" value={rule.forecast!.limit ?? ''} onChange={e => setF({ limit: e.target.value === '' ? null : Number(e.target.value) })} />}</Field>
            <Field label="Reached within" path="forecast.horizon" errors={errors} hint="1h to 30d">{(id, bad) => <input id={id} aria-invalid={bad} value={rule.forecast!.horizon} onChange={e => setF({ horizon: e.target.value })} />}</Field>
            <Field label="Judged on" path="forecast.bound" errors={errors}>{id => <select id={id} value={rule.forecast!.bound} onChange={e => setF({ bound: e.target.value as 'expected' | 'upper' })}><option value="expected">expected value</option><option value="upper">the band (earlier)</option></select>}</Field>
            <Field label="Clears beyond (optional)" path="forecast.clear" errors={errors} hint="at least the horizon">{id => <input id={id} value={rule.forecast!.clear ?? ''} onChange={e => setF({ clear: e.target.value || null })} />}</Field>
          </div>
        )}
      </fieldset>

      <div className="grid2">
        <Field label="Summary" path="annotations.summary" errors={errors} hint="{{host}}, {{value}}, {{series}} are filled in">
          {id => <input id={id} value={rule.annotations?.summary ?? ''} onChange={e => set({ annotations: { ...rule.annotations, summary: e.target.value } })} />}
        </Field>
        <Field label="Description" path="annotations.description" errors={errors}>
          {id => <input id={id} value={rule.annotations?.description ?? ''} onChange={e => set({ annotations: { ...rule.annotations, description: e.target.value } })} />}
        </Field>
      </div>

      <OtherErrors errors={errors} shown={SHOWN} />
      <ErrorNote error={failure} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy != null}>{busy === 'save' ? 'Saving…' : 'Save'}</button>
        <button type="button" onClick={() => void runPreview()} disabled={busy != null}>{busy === 'preview' ? 'Previewing…' : 'Preview (24 h)'}</button>
        {!isNew && <button type="button" className="danger" onClick={() => void remove()} disabled={busy != null}>Delete</button>}
        {status && <span className="ok-note" role="status">{status}</span>}
      </div>

      {preview && (
        <div className="preview" data-testid="rule-preview" aria-live="polite">
          <h3>Preview: last 24 h</h3>
          <p><strong data-testid="preview-fired">{preview.result.fired}</strong> {preview.result.fired === 1 ? 'alert' : 'alerts'} would have fired on {preview.result.hosts.length} hosts ({preview.result.evaluatedWindows} {rule.kind === 'forecast' ? 'forecasts' : 'windows'} evaluated).</p>
          <div className="timeline" role="list" aria-label="Episodes per host">
            {timeline.slice(0, 30).map(h => (
              <div className="timeline-row" role="listitem" key={h.host}>
                <span className="timeline-host">{h.host}</span>
                <div className="timeline-track">
                  {h.segments.map((s, i) => <span key={i} className="timeline-seg" style={{ left: `${s.left}%`, width: `${s.width}%` }} title={`${formatTime(s.start)} – ${s.end ? formatTime(s.end) : 'still firing'}`} />)}
                </div>
              </div>
            ))}
            {timeline.length > 30 && <p className="muted small">…and {timeline.length - 30} more hosts.</p>}
            <div className="timeline-axis muted small"><span>{formatTime(preview.from)}</span><span>now</span></div>
          </div>
        </div>
      )}
    </form>
  );
}
