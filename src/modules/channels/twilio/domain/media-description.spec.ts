import { audioFileName, describeMedia, kindOfMedia, readableSize } from './media-description';

describe('media description', () => {
  it('describes an image with its type and size once the size is known', () => {
    expect(describeMedia({ url: 'u', contentType: 'image/jpeg', size: 120 * 1024 })).toBe('[the customer sent an image: image/jpeg, 120 KB]');
  });

  it('describes a named document by its name', () => {
    expect(describeMedia({ url: 'u', contentType: 'application/pdf', size: null }, 'fatura.pdf')).toBe('[the customer sent a PDF document named fatura.pdf]');
  });

  it('writes sizes in bytes, KB and MB', () => {
    expect(readableSize(900)).toBe('900 bytes');
    expect(readableSize(120 * 1024)).toBe('120 KB');
    expect(readableSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(readableSize(16 * 1024 * 1024)).toBe('16 MB');
  });

  it('tells kinds apart by the MIME type, ignoring case and parameters', () => {
    expect(kindOfMedia('AUDIO/OGG; codecs=opus')).toBe('audio');
    expect(kindOfMedia('text/x-vcard')).toBe('contact');
    expect(kindOfMedia('text/plain')).toBe('document');
  });

  it('names the upload with the extension of its format, for the transcription service', () => {
    expect(audioFileName('audio/ogg; codecs=opus')).toBe('voice-note.ogg');
    expect(audioFileName('audio/mpeg')).toBe('voice-note.mp3');
    expect(audioFileName('audio/mp4')).toBe('voice-note.m4a');
    expect(audioFileName('audio/unknown')).toBe('voice-note.ogg');
  });
});
