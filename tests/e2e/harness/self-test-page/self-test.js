/* global window, document */
// The harness self-test page: a user click captures the screen into #frame and records the outcome.
document.getElementById('capture').addEventListener('click', async () => {
  try {
    await window.warifu['scan:prepare-screens']()
    const stream = await navigator.mediaDevices.getDisplayMedia({
      // Without a size, Chromium may start the stream scaled down (400x250 for a 1280x800 screen).
      video: { width: { ideal: 7680 }, height: { ideal: 4320 }, frameRate: { ideal: 5 } },
      audio: false,
    })
    const video = document.createElement('video')
    video.muted = true
    video.srcObject = stream
    await video.play()
    await new Promise((resolve) => setTimeout(resolve, 500))
    const canvas = document.getElementById('frame')
    canvas.width = video.videoWidth
    canvas.height = video.videoHeight
    canvas.getContext('2d').drawImage(video, 0, 0)
    for (const track of stream.getTracks()) track.stop()
    document.body.dataset.capture = `${canvas.width}x${canvas.height}`
  } catch (error) {
    document.body.dataset.capture = `error: ${error.name}: ${error.message}`
  }
})
// An inline script would be refused by the CSP; this records whether one ran.
window.addEventListener('DOMContentLoaded', () => {
  document.body.dataset.ready = '1'
})
// Records what a paste delivers: the image the user pasted, as the app would receive it.
document.addEventListener('paste', (event) => {
  const files = [...(event.clipboardData?.files ?? [])]
  document.body.dataset.paste = files.map((f) => `${f.type}:${f.size}`).join(',') || 'no files'
})
