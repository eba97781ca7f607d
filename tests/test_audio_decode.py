"""Decoding returns all the audio a real decoder finds (birdjepa_keras/data/audio.py).

Every number below was measured with the ffmpeg 5.1.9 CLI when the fixture was made
(`ffmpeg -v error -i F -f s16le -ac 1 - | wc -c`, bytes / 2) and is written in
tests/fixtures/audio/README.md; the files were made by LAME/ffmpeg/oggenc/flac
(tests/fixtures/audio/make_audio.sh), never by our code.
"""

import warnings
from pathlib import Path

import numpy as np
import pytest

from birdjepa_keras.data import audio

AUDIO = Path(__file__).parent / "fixtures" / "audio"
SR = 32000

# (file, native Hz, samples ffmpeg decodes at the native rate, planted Hz); README.md table
DECODES = [
    ("lame_vbr_notag_loudstart.mp3", 16000, 81216, 900),  # libsndfile stops at 0.90 s, no error
    ("lame_cbr_48k_stereo_id3art.mp3", 48000, 97920, 1500),  # ID3v2 + cover art, stereo
    ("lame_vbr_22k_mono.mp3", 22050, 66150, 1300),
    ("lame_vbr_notag.mp3", 22050, 78336, 600),
    ("ffmpeg_vbr_xing_cut.mp3", 32000, 74927, 1100),  # Xing says 4 s; libsndfile 2.31 s
    ("lame_cbr_48k_stereo.mp3", 48000, 96000, 3100),
    ("ffmpeg_aac.m4a", 24000, 48128, 2000),  # libsndfile cannot open M4A
    ("ffmpeg_speex.ogg", 16000, 16000, 1000),  # "OggS", but libsndfile cannot open Speex
    ("oggenc_q0.ogg", 32000, 96000, 1600),  # libsndfile's exact count (ffmpeg 95872)
]


def _peak_hz(wave, sr):
    spectrum = np.abs(np.fft.rfft(wave))
    return np.argmax(spectrum) * sr / len(wave)


def _amplitude(wave, sr, hz, start_s, stop_s):
    """Amplitude of the `hz` sinusoid in wave[start_s:stop_s] (a whole number of cycles)."""
    seg = wave[int(start_s * sr):int(stop_s * sr)]
    t = np.arange(len(seg)) / sr
    return 2 * np.abs(np.sum(seg * np.exp(-2j * np.pi * hz * t))) / len(seg)


@pytest.mark.parametrize("name,native,samples,hz", DECODES)
def test_decodes_as_much_as_ffmpeg(name, native, samples, hz):
    at_native = audio.read_audio(AUDIO / name, native)
    assert abs(len(at_native) - samples) / native < 0.03  # within 30 ms of ffmpeg's decode
    wave = audio.read_audio(AUDIO / name, SR)
    assert wave.dtype == np.float32 and wave.ndim == 1
    assert abs(len(wave) / SR - samples / native) < 0.03
    assert abs(_peak_hz(wave, SR) - hz) < 20  # the planted tone survives decode + resample
    assert audio.native_sample_rate(AUDIO / name) == native


def test_loud_start_vbr_mp3_keeps_its_tail():
    # libsndfile 1.2.2 returns 0.90 s of this 5.08 s file and no error (README.md).
    wave = audio.read_audio(AUDIO / "lame_vbr_notag_loudstart.mp3", SR)
    assert abs(len(wave) / SR - 5.076) < 0.03
    # the 900 Hz tone (ffmpeg's sine, amplitude 1/8, at volume 0.25) runs from 0.5 s (+ decoder
    # delay) to the end: it is in the last second at full strength; the noise burst comes first
    assert abs(_amplitude(wave, SR, 900, 4.0, 5.0) - 1 / 32) < 0.005
    assert np.sqrt(np.mean(wave[: int(0.4 * SR)] ** 2)) > 0.3  # white noise at amplitude 0.9: rms ~0.5


def test_stereo_is_averaged_to_mono():
    # ffmpeg's sine source has amplitude 1/8: 1500 Hz left, 3500 Hz right -> 1/16 each in the mean
    wave = audio.read_audio(AUDIO / "lame_cbr_48k_stereo_id3art.mp3", SR)
    for hz in (1500, 3500):
        assert abs(_amplitude(wave, SR, hz, 0.25, 1.75) - 1 / 16) < 0.01, hz


def test_encoder_delay_is_trimmed_exactly_when_the_file_signals_it():
    # LAME's Info tag holds delay and padding: the decode is the 2 s (96000 samples) LAME was given,
    # starting with the tone at once (ffmpeg CLI: 96000 samples).
    tagged = audio.read_audio(AUDIO / "lame_cbr_48k_stereo.mp3", 48000)
    assert len(tagged) == 96000
    assert np.sqrt(np.mean(tagged[:480] ** 2)) > 0.05  # tone rms 0.125 / sqrt(2) = 0.088
    # no Info tag: nothing to trim; 85 whole frames (97920) and ~1105 samples of decoder delay first
    untagged = audio.read_audio(AUDIO / "lame_cbr_48k_stereo_id3art.mp3", 48000)
    assert len(untagged) == 97920
    assert np.sqrt(np.mean(untagged[:480] ** 2)) < 0.01


def test_a_damaged_packet_is_skipped_as_ffmpeg_does_and_said():
    with pytest.warns(UserWarning, match=r"holed\.mp3: skipped 1 undecodable packet"):
        wave = audio.read_audio(AUDIO / "lame_vbr_22k_mono_holed.mp3", 22050, name="holed.mp3")
    assert abs(len(wave) - 58799) / 22050 < 0.03  # ffmpeg CLI: 58799, "Header missing" once
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an intact file decodes without a warning
        audio.read_audio(AUDIO / "lame_vbr_22k_mono.mp3", 22050)


# (file, error) for files no decoder can use; README.md table
UNUSABLE = [
    ("flac_cut.flac", r"truncated \(decoder failed after .* of 1.50 s"),  # STREAMINFO is exact
    ("ffmpeg_wav_cut.wav", r"truncated \(0.50 s of 1.00 s decoded\)"),  # the data chunk is exact
    ("oggenc_cut.ogg", "no audio samples"),
]


@pytest.mark.parametrize("name,want", UNUSABLE)
def test_unusable_files_stay_unusable(name, want):
    with pytest.raises(audio.AudioFileError, match=want) as err:
        audio.read_audio(AUDIO / name, SR, name=name)
    assert "\n" not in str(err.value) and str(err.value).startswith(f"{name}: ")


def test_files_that_hold_no_audio_are_one_line_errors(tmp_path):
    # a JPEG (FFmpeg opens it as an image, with no audio stream) and bytes no decoder knows
    jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
    for blob, what in [(jpeg, "cannot decode audio"), (b"OggS not really", "cannot decode audio"),
                       (b"ID3\x03\x00\x00\x00\x00\x00\x00", "cannot decode audio|no audio samples")]:
        with pytest.raises(audio.AudioFileError, match=what) as err:
            audio.read_audio(blob, SR, name="x.bin")
        assert "\n" not in str(err.value) and str(err.value).startswith("x.bin: ")


def test_embed_file_windows_the_whole_mp3():
    from birdjepa_keras.embed import embed_file
    from tests.other_backends import CLIP, tiny_audio_encoder

    # The model in memory (embed_file takes it or an encoder.keras path; tests/test_embed.py loads files).
    model = tiny_audio_encoder()
    assert CLIP == SR  # 1 s windows at 32 kHz
    emb = embed_file(str(AUDIO / "lame_vbr_notag_loudstart.mp3"), model)
    assert emb.shape[0] == 6  # 5.08 s (ffmpeg) in 1 s windows: 5 whole and a padded tail; libsndfile gave 1
    half = embed_file(str(AUDIO / "lame_vbr_notag_loudstart.mp3"), model, hop_seconds=0.5)
    assert half.shape[0] == 10  # starts 0, 0.5, ..., 4.5 s: the last reaches 5.5 s > 5.08 s


@pytest.mark.parametrize("subtype,tol", [("PCM_S8", 1 / 64), ("PCM_16", 1e-4), ("PCM_32", 1e-6), ("FLOAT", 1e-6),
                                         ("DOUBLE", 1e-6)])
def test_ffmpeg_sample_formats_are_scaled_and_mixed(subtype, tol):
    # AIFF goes to FFmpeg; its PCM decoders hand out u8 (from s8), s16, s32, flt and dbl frames,
    # packed (interleaved). The reference is the signal written: left + right, halved.
    import io

    import soundfile as sf

    t = np.arange(4410) / 44100
    left, right = 0.5 * np.sin(2 * np.pi * 440 * t), -0.25 * np.cos(2 * np.pi * 3000 * t)
    buf = io.BytesIO()
    sf.write(buf, np.stack([left, right], axis=1), 44100, format="AIFF", subtype=subtype)
    wave = audio.read_audio(buf.getvalue(), 44100, name="x.aiff")
    assert wave.dtype == np.float32 and len(wave) == len(t)
    np.testing.assert_allclose(wave, (left + right) / 2, atol=tol)


def test_only_pcm_wav_headers_count_as_exact():
    # RIFF/WAVE (Microsoft's spec): block_align is bytes per frame only for PCM (1), IEEE float (3)
    # and WAVE_FORMAT_EXTENSIBLE; for IMA ADPCM (0x11) it is bytes per compressed block.
    import io

    import soundfile as sf

    pcm, adpcm = io.BytesIO(), io.BytesIO()
    sf.write(pcm, np.zeros(8000), 8000, format="WAV", subtype="PCM_16")
    sf.write(adpcm, np.zeros(8000), 8000, format="WAV", subtype="IMA_ADPCM")
    assert audio.exact_frames(pcm.getvalue()) == 8000
    assert audio.exact_frames(adpcm.getvalue()) is None
    assert abs(len(audio.read_audio(adpcm.getvalue(), 8000)) - 8000) < 1100  # ADPCM pads its last block
