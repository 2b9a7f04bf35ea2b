// Turns the API's field paths (strategy.params.betSizes[0]) into the labels a user sees on the form (Stake).
// Each input names the API field it fills with data-api-field; paths no input fills get a readable name.

import { el } from './dom.js';

const humanize = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase();

/**
 * The label of an API error path. labels: Map of API field (without list indices) to label text.
 * Returns { label, field } where field is the API field matched (to mark its input), or null.
 */
export function labelFor(path, labels) {
  const bare = String(path).replace(/\[\d+\]/g, '');
  for (let candidate = bare; candidate; candidate = candidate.includes('.') ? candidate.slice(0, candidate.lastIndexOf('.')) : '') {
    if (labels.has(candidate)) {
      const rest = bare.slice(candidate.length + 1);
      return { label: rest ? `${labels.get(candidate)}, ${humanize(rest)}` : labels.get(candidate), field: candidate };
    }
  }
  const last = bare.split('.').pop();
  return { label: last ? humanize(last) : 'Request', field: null };
}

/** A ProblemDetails as lines of "Label: message" (its errors), or its title and detail. */
export function describeProblem(problem, labels) {
  if (problem?.errors && typeof problem.errors === 'object') {
    return Object.entries(problem.errors).map(([path, messages]) => {
      const { label, field } = labelFor(path, labels);
      return { label, field, text: `${label}: ${[].concat(messages).join(' ')}` };
    });
  }
  const text = [problem?.title, problem?.detail].filter(Boolean).join(' ');
  return [{ label: null, field: null, text: text || 'The request failed.' }];
}

/** The labels of a form: data-api-field of each input -> the text of its label (<label><span>Text</span><input></label>). */
export function formLabels(form) {
  const labels = new Map();
  for (const input of form.querySelectorAll('[data-api-field]')) {
    const text = input.labels?.[0]?.querySelector('.field-name')?.textContent.trim() ?? input.name;
    for (const field of input.dataset.apiField.split(' ')) { labels.set(field, text); }
  }
  return labels;
}

/**
 * A form's error box: show(lines) lists "Label: message" lines in box and marks each named input (aria-invalid, a hint
 * under it), focusing the first; clear() removes them all.
 */
export function formErrors(form, box) {
  return {
    clear() {
      box.replaceChildren();
      for (const input of form.querySelectorAll('[aria-invalid]')) { input.removeAttribute('aria-invalid'); }
      for (const hint of form.querySelectorAll('.field-error')) { hint.remove(); }
    },
    show(lines) {
      box.replaceChildren(el('ul', {}, ...lines.map((l) => el('li', { text: l.text }))));
      for (const line of lines) {
        const input = line.field ? form.querySelector(`[data-api-field~="${CSS.escape(line.field)}"]`) : null;
        if (input && !input.hasAttribute('aria-invalid')) {
          input.setAttribute('aria-invalid', 'true');
          input.closest('label').append(el('span', { class: 'field-error', text: line.text.slice(line.label.length + 2) }));
        }
      }
      form.querySelector('[aria-invalid]')?.focus();
    },
  };
}
