// The options page: service URL, token, categories on/off, the next-finding shortcut and the rules turned off
// from cards (chrome.storage.sync), and the ignored phrases (chrome.storage.local, this device only). Every change
// is written at once; content scripts and the service worker read it from there.
(() => {
  const $ = (id) => document.getElementById(id);
  let settings = GiveFirstSettings.withDefaults({});
  let savedTimer = null;

  function save(patch) {
    settings = GiveFirstSettings.withDefaults({ ...settings, ...patch });
    return chrome.storage.sync.set(patch).then(() => {
      $('saved').textContent = 'Saved';
      clearTimeout(savedTimer);
      savedTimer = setTimeout(() => ($('saved').textContent = ''), 1500);
    });
  }

  function renderCategories() {
    const box = $('categories');
    box.replaceChildren();
    for (const c of GiveFirstCategories.LIST) {
      const label = document.createElement('label');
      label.className = 'category';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.name = c.id;
      input.checked = !settings.disabledCategories.includes(c.id);
      input.addEventListener('change', () => {
        const off = new Set(settings.disabledCategories);
        if (input.checked) off.delete(c.id);
        else off.add(c.id);
        save({ disabledCategories: [...off] });
      });
      const dot = document.createElement('span');
      dot.className = 'dot';
      dot.style.background = c.color;
      label.append(input, dot, document.createTextNode(c.label));
      box.append(label);
    }
  }

  function renderRules() {
    const list = $('rules');
    list.replaceChildren();
    $('noRules').hidden = settings.disabledRules.length > 0;
    for (const rule of settings.disabledRules) {
      const item = document.createElement('li');
      const name = document.createElement('code');
      name.textContent = rule;
      const on = document.createElement('button');
      on.type = 'button';
      on.textContent = 'Turn back on';
      on.addEventListener('click', () => save({ disabledRules: settings.disabledRules.filter((r) => r !== rule) }));
      item.append(name, document.createTextNode(' '), on);
      list.append(item);
    }
  }

  let ignores = [];

  function renderIgnores() {
    const list = $('ignores');
    list.replaceChildren();
    $('noIgnores').hidden = ignores.length > 0;
    $('clearIgnores').hidden = ignores.length === 0;
    for (const i of ignores) {
      const item = document.createElement('li');
      const phrase = document.createElement('q');
      phrase.textContent = i.phrase;
      const rule = document.createElement('code');
      rule.textContent = i.rule;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove the ignore of "${i.phrase}" (${i.rule})`);
      remove.addEventListener('click', () => GiveFirstIgnores.remove(i.rule, i.phrase));
      item.append(phrase, document.createTextNode(' '), rule, document.createTextNode(' '), remove);
      list.append(item);
    }
  }

  function render() {
    $('shortcut').value = settings.nextFindingShortcut;
    $('serviceUrl').value = settings.serviceUrl;
    $('token').value = settings.token;
    $('urlWarning').hidden = GiveFirstSettings.isLoopback(settings.serviceUrl);
    $('ledger').checked = settings.ledger;
    renderCategories();
    renderRules();
  }

  $('serviceUrl').addEventListener('change', () => {
    const url = $('serviceUrl').value.trim() || GiveFirstSettings.DEFAULTS.serviceUrl;
    $('urlWarning').hidden = GiveFirstSettings.isLoopback(url);
    save({ serviceUrl: url });
  });
  $('token').addEventListener('change', () => save({ token: $('token').value.trim() }));
  $('ledger').addEventListener('change', () => save({ ledger: $('ledger').checked }));

  // The shortcut field records the keys pressed in it (a modifier and a key).
  $('shortcut').addEventListener('keydown', (e) => {
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return;
    e.preventDefault();
    const text = GiveFirstKeyboard.fromEvent(e);
    if (!text) return;
    $('shortcut').value = text;
    save({ nextFindingShortcut: text });
  });
  $('shortcutReset').addEventListener('click', () => {
    $('shortcut').value = GiveFirstKeyboard.DEFAULT;
    save({ nextFindingShortcut: GiveFirstKeyboard.DEFAULT });
  });

  $('clearIgnores').addEventListener('click', () => GiveFirstIgnores.clear());
  GiveFirstIgnores.onChanged((list) => {
    ignores = list;
    renderIgnores();
  });
  GiveFirstIgnores.load().then((list) => {
    ignores = list;
    renderIgnores();
  });

  $('test').addEventListener('click', async () => {
    const out = $('health');
    out.textContent = 'Checking\u2026';
    try {
      const response = await fetch(GiveFirstSettings.endpoint(await GiveFirstNative.settings(), 'healthz'), { cache: 'no-store' });
      out.textContent = response.ok ? 'Connected: the service is running.' : `The service answered ${response.status}.`;
    } catch (e) {
      out.textContent = 'Not reachable. Is the service running (make run, or givefirst install once)?';
    }
  });

  // The service's state, version and where it runs, as the native host reports it (through the service worker).
  const STARTERS = { browser: 'started by the extension', login: 'started at login', external: 'started by hand' };

  function showService(status) {
    const where = $('serviceWhere');
    const restart = $('restart');
    where.hidden = true;
    restart.disabled = false;
    let text;
    if (status.state === 'running') {
      text = `Running: version ${status.version || '?'}, ${STARTERS[status.starter] || 'running'}.`;
      where.textContent = `At ${status.url}${status.pid ? `, process ${status.pid}` : ''}. Log: ${status.log || '-'}`;
      where.hidden = false;
    } else if (status.state === 'starting') {
      text = `Starting\u2026${status.load_seconds ? ` (the model loads in about ${Math.ceil(status.load_seconds)} s)` : ''}`;
    } else if (status.state === 'stopped') {
      text = 'Not running: it starts when you write in Gmail.';
    } else if (status.state === 'no-host') {
      text = 'The helper that starts the service is not installed. Run `givefirst install` once, then reload this page.';
      restart.disabled = true;
    } else if (status.state === 'unsupported') {
      text = 'This browser cannot start the service (no native messaging): start it with `make run`.';
      restart.disabled = true;
    } else {
      text = `Could not ask the service: ${status.error || status.state}.`;
    }
    if (status.error && status.state !== 'error') text += ` (${status.error})`;
    if (!status.managed && status.state !== 'no-host') {
      text += ' The service URL above is not the default, so the extension uses that one and starts none itself.';
    }
    $('serviceState').textContent = text;
  }

  function askService(type) {
    return chrome.runtime.sendMessage({ type }).then((status) => showService(status || { state: 'error' }),
      () => showService({ state: 'error', error: 'the service worker did not answer' }));
  }

  $('restart').addEventListener('click', () => {
    $('restart').disabled = true;
    $('serviceState').textContent = 'Restarting\u2026';
    $('serviceWhere').hidden = true;
    askService('service-restart');
  });

  // Another tab (or a card's "Turn off this rule") changed the settings: show them.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync') return;
    GiveFirstSettings.load().then((s) => {
      settings = s;
      render();
    });
  });

  GiveFirstSettings.load().then((s) => {
    settings = s;
    render();
  });
  askService('service-status');
})();
