// The audio player of /audio and the entry pages: asks the node what to play (its verified copy,
// or why there is none), then plays it with seek, speed, volume, and resume where the listener
// left off (kept in localStorage per entry).
import { clampRate, clampVolume, clock, resumeAt, positionKey, shouldSave, pollDelay, describe } from './playback.js';

const panel = document.getElementById('audio-player');
const audio = document.getElementById('audio-element');
const toggle = document.getElementById('audio-toggle');
const seek = document.getElementById('audio-seek');
const position = document.getElementById('audio-position');
const duration = document.getElementById('audio-duration');
const speed = document.getElementById('audio-speed');
const volume = document.getElementById('audio-volume');
const title = document.getElementById('audio-title');
const status = document.getElementById('audio-status');

let current = null;
let lastSaved = NaN;
let seeking = false;
let request = 0;

function setState(state, text) {
  panel.dataset.state = state;
  status.textContent = text;
}

async function playback(entryId) {
  const response = await fetch(`/api/audio/entries/${encodeURIComponent(entryId)}/playback`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    return { state: 'unavailable', detail: problem.detail || `HTTP ${response.status}` };
  }
  return response.json();
}

async function load(entryId, entryTitle) {
  const mine = ++request;
  current = entryId;
  panel.hidden = false;
  panel.dataset.entry = entryId;
  title.textContent = entryTitle;
  toggle.disabled = true;
  seek.disabled = true;
  audio.pause();
  setState('fetching', 'Asking the node…');
  let answer = await playback(entryId);
  for (let attempt = 0; answer.state === 'fetching' && mine === request; attempt++) {
    setState('fetching', describe(answer));
    await new Promise(resolve => setTimeout(resolve, pollDelay(attempt)));
    answer = await playback(entryId);
  }
  if (mine !== request) return;
  if (answer.state !== 'ready' && answer.state !== 'direct') {
    setState(answer.state, describe(answer));
    return;
  }
  panel.dataset.verified = String(answer.verified);
  setState('loading', describe(answer));
  audio.src = answer.src;
  audio.playbackRate = clampRate(speed.value);
  audio.volume = clampVolume(volume.value);
  toggle.disabled = false;
  try {
    await audio.play();
  } catch (e) {
    // Autoplay may be refused until the listener presses play; the button stays ready.
    setState('paused', describe(answer));
  }
}

for (const button of document.querySelectorAll('[data-play]')) {
  button.addEventListener('click', () => load(button.dataset.play, button.dataset.title || ''));
}

toggle.addEventListener('click', () => {
  if (audio.paused) {
    audio.play();
  } else {
    audio.pause();
  }
});

audio.addEventListener('loadedmetadata', () => {
  seek.max = String(audio.duration || 0);
  seek.disabled = !(audio.duration > 0);
  duration.textContent = clock(audio.duration);
  const saved = localStorage.getItem(positionKey(current));
  const at = resumeAt(saved === null ? NaN : Number(saved), audio.duration);
  if (at > 0) {
    audio.currentTime = at;
    panel.dataset.resumed = String(at);
  }
});

audio.addEventListener('play', () => { toggle.textContent = 'Pause'; toggle.setAttribute('aria-label', 'Pause'); });
audio.addEventListener('playing', () => setState('playing', status.textContent));
audio.addEventListener('pause', () => {
  toggle.textContent = 'Play';
  toggle.setAttribute('aria-label', 'Play');
  if (panel.dataset.state === 'playing') panel.dataset.state = 'paused';
  save(true);
});
audio.addEventListener('ended', () => {
  localStorage.removeItem(positionKey(current));
  panel.dataset.state = 'ended';
});
audio.addEventListener('error', () => {
  setState('error', `The audio could not be played (${audio.error ? audio.error.message || audio.error.code : 'unknown error'})`);
});

audio.addEventListener('timeupdate', () => {
  if (!seeking) {
    seek.value = String(audio.currentTime);
  }
  position.textContent = clock(audio.currentTime);
  save(false);
});

function save(always) {
  if (!current || !(audio.currentTime >= 0)) return;
  if (always || shouldSave(lastSaved, audio.currentTime)) {
    localStorage.setItem(positionKey(current), String(audio.currentTime));
    lastSaved = audio.currentTime;
  }
}

seek.addEventListener('input', () => { seeking = true; position.textContent = clock(Number(seek.value)); });
seek.addEventListener('change', () => {
  seeking = false;
  audio.currentTime = Number(seek.value);
});

speed.addEventListener('change', () => { audio.playbackRate = clampRate(speed.value); });
volume.addEventListener('input', () => { audio.volume = clampVolume(volume.value); });
