// Chat beside a broadcast: history on join, live messages from every node, moderation for the
// channel's owner. Every piece of chat text goes into the page with textContent, never as HTML,
// so nothing anyone types can run as markup or script here.

export function startChat(root) {
  const broadcastId = root.dataset.broadcast;
  const list = root.querySelector('.chat-messages');
  const form = root.querySelector('.chat-form');
  const input = root.querySelector('.chat-input');
  const nick = root.querySelector('.chat-nick');
  const status = root.querySelector('.chat-status');
  const slowSelect = root.querySelector('.chat-slow');
  let socket = null;
  let me = null;
  let retry = 1000;
  const waiting = []; // posts typed while (re)connecting, sent once the chat is open

  function say(text, error) {
    status.textContent = text || '';
    status.classList.toggle('error', !!error);
  }

  function line(m) {
    const item = document.createElement('li');
    item.className = 'chat-line';
    item.dataset.id = m.id;
    const author = document.createElement('span');
    author.className = 'chat-author' + (m.guest ? ' guest' : '');
    author.textContent = m.author + (m.guest ? ' (guest)' : '');
    const text = document.createElement('span');
    text.className = 'chat-text';
    text.textContent = m.text;
    item.append(author, ' ', text);
    if (me && me.moderator && !(m.author === me.author && !m.guest)) {
      const tools = document.createElement('span');
      tools.className = 'chat-tools';
      tools.append(
        tool('Delete', () => send({ type: 'delete', id: m.id })),
        tool('Time out 5 min', () => send({ type: 'timeout', author: m.author, guest: m.guest, seconds: 300 })),
        tool('Ban', () => send({ type: 'ban', author: m.author, guest: m.guest })),
      );
      item.append(tools);
    }
    return item;
  }

  function tool(label, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link';
    b.textContent = label;
    b.addEventListener('click', action);
    return b;
  }

  function notice(text) {
    const item = document.createElement('li');
    item.className = 'chat-notice';
    item.textContent = text;
    list.append(item);
    list.scrollTop = list.scrollHeight;
  }

  function add(m) {
    list.append(line(m));
    while (list.children.length > 200) list.firstElementChild.remove();
    list.scrollTop = list.scrollHeight;
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN && root.dataset.state === 'open') {
      socket.send(JSON.stringify(message));
    } else if (message.type === 'post') {
      waiting.push(message);
    }
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = nick && nick.value ? `?nick=${encodeURIComponent(nick.value)}` : '';
    socket = new WebSocket(`${scheme}://${location.host}/api/chat/${broadcastId}${query}`);
    root.dataset.state = 'connecting';
    socket.addEventListener('open', () => { retry = 1000; say(''); });
    socket.addEventListener('message', (e) => {
      const m = JSON.parse(e.data);
      switch (m.type) {
        case 'welcome':
          me = m;
          root.dataset.state = 'open';
          waiting.splice(0).forEach(send);
          root.classList.toggle('moderator', !!m.moderator);
          if (slowSelect) slowSelect.value = String(m.seconds || 0);
          if (m.guest && m.signInRequired) say('Sign in to chat on this node.');
          break;
        case 'history':
          list.replaceChildren();
          m.messages.forEach(add);
          break;
        case 'message':
          add(m);
          break;
        case 'deleted': {
          const item = list.querySelector(`[data-id="${Number(m.id)}"]`);
          if (item) item.remove();
          break;
        }
        case 'slow':
          if (slowSelect) slowSelect.value = String(m.seconds);
          notice(m.seconds ? `Slow mode: one message every ${m.seconds} s.` : 'Slow mode is off.');
          break;
        case 'notice':
          notice(m.text);
          break;
        case 'error':
          say(m.message, true);
          break;
        default:
      }
    });
    socket.addEventListener('close', () => {
      root.dataset.state = 'closed';
      say('Chat disconnected, reconnecting…');
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 15000);
    });
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    send({ type: 'post', text: input.value });
    input.value = '';
  });
  if (nick) {
    nick.value = localStorage.getItem('defiance-nick') || '';
    nick.addEventListener('change', () => {
      localStorage.setItem('defiance-nick', nick.value);
      if (socket) socket.close();
    });
  }
  if (slowSelect) slowSelect.addEventListener('change', () => send({ type: 'slow', seconds: Number(slowSelect.value) }));
  connect();
  return { send, get me() { return me; } };
}
