/* Check-in at a venue's door (programme/checkin): scan a badge's QR code with the camera or
   from a photo, type its code, or find a person by name. A scan that cannot reach the server
   is kept in this phone's storage and sent when the connection returns; each scan carries an
   id of its own, so the server records it once however often it is sent. */
(function () {
  "use strict";

  var root = document.getElementById("checkin");
  if (!root) {
    return;
  }
  var QUEUE_KEY = "ponte-checkin-queue";
  var SAME_CODE_MS = 3000; // the camera sees a badge many times a second: one scan is enough
  var data = root.dataset;
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var statusLine = document.getElementById("checkin-status");
  var card = document.getElementById("checkin-person");
  var queueLine = document.getElementById("checkin-queue");
  var flushing = false;

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    // Outside a secure context randomUUID is missing; build a version 4 UUID by hand.
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function show(answer) {
    statusLine.textContent = answer.message;
    statusLine.dataset.state = answer.status;
    var person = answer.person;
    card.hidden = !person;
    if (person) {
      card.querySelectorAll("[data-field]").forEach(function (node) {
        node.textContent = person[node.dataset.field] || "";
      });
    }
  }

  function readQueue() {
    try {
      return JSON.parse(localStorage.getItem(QUEUE_KEY)) || [];
    } catch (error) {
      return [];
    }
  }

  function writeQueue(queue) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    showQueue();
  }

  function showQueue() {
    var count = readQueue().length;
    queueLine.hidden = count === 0;
    queueLine.textContent = data.msgWaiting + " " + count;
  }

  function Unsent(signedOut) {
    this.signedOut = signedOut;
  }

  // Resolves with the server's answer; rejects with Unsent when the scan must wait.
  function post(item) {
    var body = new URLSearchParams();
    Object.keys(item.fields).forEach(function (name) {
      body.append(name, item.fields[name]);
    });
    return fetch(item.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf },
    }).then(
      function (response) {
        var type = response.headers.get("Content-Type") || "";
        // Sent to the sign-in page, or the session's token is gone: keep it for later.
        if (response.redirected || response.status === 403 || type.indexOf("json") < 0) {
          throw new Unsent(true);
        }
        if (response.status >= 500) {
          throw new Unsent(false);
        }
        return response.json();
      },
      function () {
        throw new Unsent(false);
      }
    );
  }

  function enqueue(item) {
    var queue = readQueue();
    if (!queue.some(function (queued) { return queued.fields.client_id === item.fields.client_id; })) {
      queue.push(item);
    }
    writeQueue(queue);
  }

  function dequeue(clientId) {
    writeQueue(readQueue().filter(function (queued) { return queued.fields.client_id !== clientId; }));
  }

  function send(fields) {
    var item = {
      url: data.scanUrl,
      fields: Object.assign(
        { venue: data.venue, day: data.day, client_id: newId(), scanned_at: new Date().toISOString() },
        fields
      ),
    };
    statusLine.textContent = "…";
    statusLine.dataset.state = "";
    return post(item).then(show, function (error) {
      enqueue(item);
      show({ status: "queued", message: error.signedOut ? data.msgSignedOut : data.msgOffline });
    });
  }

  // Send the waiting scans, oldest first; stop at the first that still cannot be sent.
  function flush() {
    if (flushing || !readQueue().length) {
      return;
    }
    flushing = true;
    var next = function () {
      var queue = readQueue();
      if (!queue.length) {
        flushing = false;
        return;
      }
      post(queue[0]).then(
        function () {
          dequeue(queue[0].fields.client_id);
          next();
        },
        function () {
          flushing = false;
        }
      );
    };
    next();
  }

  // Decoding: the browser's own BarcodeDetector where it has one, else the vendored jsQR.
  var detector = null;
  if ("BarcodeDetector" in window) {
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
      detector = null;
    }
  }
  var decoderLoading = null;
  var canvas = document.createElement("canvas");

  function loadDecoder() {
    if (window.jsQR) {
      return Promise.resolve();
    }
    if (!decoderLoading) {
      decoderLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = data.decoderUrl;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return decoderLoading;
  }

  function decodeWithScript(source, width, height) {
    return loadDecoder().then(function () {
      // A phone's photo has millions of pixels; a badge's code is readable at a thousand.
      var scale = Math.min(1, 1024 / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
      var pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(pixels.data, pixels.width, pixels.height);
      return found ? found.data : null;
    });
  }

  function decode(source, width, height) {
    if (!detector) {
      return decodeWithScript(source, width, height);
    }
    return detector.detect(source).then(
      function (codes) {
        return codes.length ? codes[0].rawValue : null;
      },
      function () {
        return decodeWithScript(source, width, height);
      }
    );
  }

  var lastCode = "";
  var lastAt = 0;

  function scanned(text) {
    var now = Date.now();
    if (text === lastCode && now - lastAt < SAME_CODE_MS) {
      return;
    }
    lastCode = text;
    lastAt = now;
    send({ token: text });
  }

  var photo = document.getElementById("checkin-photo");
  photo.addEventListener("change", function () {
    var file = photo.files[0];
    if (!file) {
      return;
    }
    // Read as a data: address: the Content-Security-Policy allows those images, not blob: ones.
    var reader = new FileReader();
    reader.onload = function () {
      var image = new Image();
      image.onload = function () {
        decode(image, image.naturalWidth, image.naturalHeight).then(function (text) {
          if (text) {
            lastCode = "";
            scanned(text);
          } else {
            show({ status: "error", message: data.msgNoCode });
          }
        });
      };
      image.onerror = function () {
        show({ status: "error", message: data.msgNoCode });
      };
      image.src = reader.result;
    };
    reader.readAsDataURL(file);
    photo.value = "";
  });

  var cameraButton = document.getElementById("checkin-camera");
  var video = document.getElementById("checkin-video");
  var stream = null;

  function watch() {
    if (!stream) {
      return;
    }
    var next = function () {
      window.setTimeout(watch, 250);
    };
    if (video.readyState < 2) {
      next();
      return;
    }
    decode(video, video.videoWidth, video.videoHeight).then(function (text) {
      if (text) {
        scanned(text);
      }
      next();
    }, next);
  }

  function stopCamera() {
    stream.getTracks().forEach(function (track) {
      track.stop();
    });
    stream = null;
    video.hidden = true;
  }

  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    cameraButton.hidden = true;
  }
  cameraButton.addEventListener("click", function () {
    if (stream) {
      stopCamera();
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(
      function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        video.play();
        watch();
      },
      function () {
        show({ status: "error", message: data.msgNoCamera });
      }
    );
  });

  var codeForm = document.getElementById("checkin-code-form");
  codeForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = codeForm.querySelector("input[name=code]");
    var code = input.value.trim();
    if (code) {
      send({ code: code });
      input.value = "";
    }
  });

  var searchForm = document.getElementById("checkin-search-form");
  var found = document.getElementById("checkin-found");
  var searchInput = searchForm.querySelector("input[name=q]");
  var searchTimer = null;

  function listFound(results) {
    found.textContent = "";
    if (!results.length) {
      var none = document.createElement("li");
      none.textContent = data.msgNone;
      found.appendChild(none);
      return;
    }
    results.forEach(function (person) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small";
      button.textContent = data.msgCheckIn;
      button.addEventListener("click", function () {
        send({ registration: person.id });
      });
      var names = [person.name, person.native_name].filter(Boolean).join(" ");
      item.appendChild(button);
      item.appendChild(document.createTextNode(" " + names + " · " + person.organisation));
      found.appendChild(item);
    });
  }

  function search() {
    var text = searchInput.value.trim();
    if (!text) {
      found.textContent = "";
      return;
    }
    fetch(data.searchUrl + "?" + new URLSearchParams({ q: text }), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        listFound(answer.results);
      })
      .catch(function () {
        show({ status: "error", message: data.msgSearchOffline });
      });
  }

  searchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  searchInput.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(search, 300);
  });

  root.querySelector(".checkin-scanners").hidden = false;
  showQueue();
  flush();
  window.addEventListener("online", flush);
  window.setInterval(flush, 15000);
})();
