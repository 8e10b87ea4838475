"""The words of the exported documents, in Indonesian and English.

Exports are written in the plan's language (`[workshop] language`), not in the UI's: a
document for Blora is read in Indonesian whoever exports it. These strings belong to the
documents only, so they live here rather than in the UI catalogs (`workshop_tui/i18n`).
Placeholders use `str.format` names.
"""

from __future__ import annotations

from collections.abc import Mapping

ID: dict[str, str] = {
    # -- file names (stems; the exporter adds the extension) --------------------------
    "file.report": "laporan-kegiatan",
    "file.renstra": "renstra",
    # -- common -----------------------------------------------------------------------
    "empty": "Belum diisi.",
    "none": "—",
    "yes": "ya",
    "no": "tidak",
    "deleted": "(dihapus)",
    "template": "templat",
    "minutes": "{n} menit",
    "generated": (
        "Dibuat dengan workshop-tui {version} pada {at}. Draf: dapat diekspor ulang kapan saja."
    ),
    "as_of": "Keadaan data per {at}. Dokumen ini draf dan dapat diekspor ulang kapan saja.",
    "col.no": "No",
    "col.name": "Nama",
    "col.role": "Peran",
    "col.cooperative": "Koperasi",
    "col.status": "Status",
    # -- identity ---------------------------------------------------------------------
    "renstra.title": "Draf Rencana Strategis (Renstra)",
    "renstra.subtitle": "{coop} — hasil {workshop}, {dates}",
    "identity": "Identitas",
    "identity.cooperative": "Koperasi",
    "identity.group": "Kelompok",
    "identity.facilitator": "Fasilitator",
    "identity.tier": "Tingkat saat ini",
    "identity.workshop": "Lokakarya",
    "identity.participants": "Peserta",
    "walk_in": "peserta tambahan",
    # -- SWOT -------------------------------------------------------------------------
    "swot": "Analisis SWOT",
    "swot.S": "Kekuatan (Strengths)",
    "swot.W": "Kelemahan (Weaknesses)",
    "swot.O": "Peluang (Opportunities)",
    "swot.T": "Ancaman (Threats)",
    "swot.col.label": "Kode",
    "swot.col.note": "Catatan",
    "swot.col.votes": "Suara",
    "swot.summary": "{notes}, {votes}.",
    "swot.notes": "{n} catatan",
    "swot.votes": "{n} suara",
    # -- strategies -------------------------------------------------------------------
    "strategy": "Strategi (matriks TOWS)",
    "strategy.col.text": "Strategi",
    "strategy.col.cites": "Faktor yang dirujuk",
    "strategy.missing_note": "catatan {id}",
    # -- factor scores ----------------------------------------------------------------
    "factors": "Skor faktor (IFAS/EFAS)",
    "factors.ifas": "IFAS — faktor internal",
    "factors.efas": "EFAS — faktor eksternal",
    "factors.col.factor": "Faktor",
    "factors.col.weight": "Bobot",
    "factors.col.rating": "Rating",
    "factors.col.score": "Skor",
    "factors.total": "Jumlah",
    "factors.ie": "Matriks IE (Internal–Eksternal)",
    "factors.ie.ifas": "Total IFAS (internal)",
    "factors.ie.efas": "Total EFAS (eksternal)",
    "factors.ie.total": "{total} — {band}",
    "factors.ie.cell": "Sel matriks IE",
    "factors.ie.posture": "Arah strategi",
    "factors.ie.unplaced": (
        "Belum ada sel matriks IE: faktor internal dan eksternal harus sama-sama diberi "
        "bobot dan rating lebih dahulu."
    ),
    "factors.ie.legend": (
        "Total IFAS (kolom) dan EFAS (baris): 1,00–1,99 lemah/rendah, 2,00–2,99 "
        "rata-rata/sedang, 3,00–4,00 kuat/tinggi. Sel I, II, IV: tumbuh dan bina; "
        "III, V, VII: pertahankan dan pelihara; VI, VIII, IX: panen atau divestasi."
    ),
    # -- vision and mission -----------------------------------------------------------
    "vision_mission": "Visi dan Misi",
    "vision": "Visi",
    "mission": "Misi",
    # -- roadmap ----------------------------------------------------------------------
    "roadmap": "Peta Jalan 5 Tahun",
    "roadmap.col.area": "Bidang",
    "roadmap.tier_row": "Target tingkat",
    "roadmap.current_tier": "Tingkat saat ini: {tier}.",
    "roadmap.drops": "Perhatian: target tingkat turun pada tahun {years}.",
    # -- team -------------------------------------------------------------------------
    "team": "Tim Renstra",
    "team.rule": "Aturan: {seats}.",
    "team.attendees_rule": "Peserta yang hadir dalam pelatihan wajib menjadi anggota tim.",
    "team.col.participant": "Peserta pelatihan",
    "team.ok": "Susunan tim sesuai aturan.",
    "team.problems": "Belum sesuai aturan:",
    # -- RTL --------------------------------------------------------------------------
    "rtl.a": "Rencana Tindak Lanjut (RTL) bagian A",
    "rtl.b": "Rencana Tindak Lanjut (RTL) bagian B — bersama",
    "rtl.from_templates": "Belum diisi. Daftar awal dari templat rencana lokakarya:",
    "rtl.col.activity": "Kegiatan",
    "rtl.col.owner": "Penanggung jawab",
    "rtl.col.deadline": "Tenggat",
    "rtl.col.indicator": "Indikator",
    "status.open": "terbuka",
    "status.done": "selesai",
    "status.dropped": "dibatalkan",
    "status.done_on": "selesai {day}",
    # -- pact -------------------------------------------------------------------------
    "pact.signatures": "Tanda tangan",
    "pact.col.signed": "Tanda tangan",
    "pact.signed": "ditandatangani {at}",
    "pact.revoked": "dicabut {at}",
    "pact.unsigned": "belum",
    "pact.count": "{signed} dari {total} peserta telah menandatangani.",
    "pact.unknown": "(tidak ada di daftar peserta)",
    # -- workshop report --------------------------------------------------------------
    "report.title": "Laporan Kegiatan",
    "about": "Informasi Kegiatan",
    "about.title": "Kegiatan",
    "about.theme": "Tema",
    "about.organiser": "Penyelenggara",
    "about.place": "Tempat",
    "about.dates": "Tanggal",
    "about.days": "Jumlah hari",
    "about.groups": "Kelompok",
    "about.cooperatives": "Koperasi peserta",
    "about.participants": "Peserta",
    "agenda": "Agenda: Rencana dan Pelaksanaan",
    "agenda.day": "Hari {n} — {date}",
    "agenda.col.planned": "Jadwal",
    "agenda.col.item": "Acara",
    "agenda.col.people": "Narasumber / fasilitator",
    "agenda.col.start": "Mulai",
    "agenda.col.end": "Selesai",
    "agenda.col.actual": "Durasi",
    "agenda.col.budget": "Alokasi",
    "agenda.col.over": "Selisih",
    "agenda.run.ready": "belum",
    "agenda.run.skipped": "dilewati",
    "agenda.run.running": "berjalan",
    "agenda.run.paused": "dijeda, belum selesai ⚠",
    "agenda.run.done": "selesai",
    "agenda.reopened": "dibuka lagi; selesai pertama {time}",
    "agenda.not_run": "Belum dilaksanakan.",
    "agenda.day_summary": "Rencana selesai {planned}; selesai aktual {actual} ({drift}).",
    "agenda.count": "{parts}.",
    "agenda.count.done": "{done} dari {total} acara selesai",
    "agenda.count.skipped": "{n} dilewati",
    "agenda.count.paused": "{n} dijeda dan belum selesai",
    "agenda.count.running": "{n} sedang berjalan",
    "agenda.count.ready": "{n} belum dilaksanakan",
    "agenda.paused_check": (
        "Perlu diperiksa: {items} sudah dimulai tetapi dijeda dan tidak pernah diselesaikan; "
        "waktu selesai dan durasinya belum pasti."
    ),
    "agenda.on_time": "tepat waktu",
    "agenda.late": "terlambat {n} menit",
    "agenda.early": "lebih awal {n} menit",
    "agenda.legend": (
        "Waktu setempat. Durasi, alokasi dan selisih dalam menit. Durasi dihitung dari "
        "pengatur waktu (jeda tidak dihitung); alokasi = durasi rencana ditambah "
        "perpanjangan (dalam kurung); selisih positif = melebihi alokasi."
    ),
    "people": "Narasumber dan Fasilitator",
    "people.col.role": "Peran",
    "people.col.items": "Sesi",
    "people.speaker": "narasumber",
    "people.facilitator": "fasilitator",
    "people.group_facilitator": "fasilitator {group}",
    "groups": "Kelompok dan Koperasi",
    "groups.col.group": "Kelompok",
    "groups.col.facilitator": "Fasilitator",
    "groups.col.cooperatives": "Koperasi",
    "attendance": "Daftar Hadir dan Tanda Tangan",
    "attendance.note": (
        "Daftar peserta dari rencana lokakarya, ditambah peserta yang didaftarkan di tempat."
    ),
    "cooperatives": "Hasil per Koperasi",
    "cooperative.heading": "{coop}",
    # -- roles ------------------------------------------------------------------------
    "role.pengurus": "pengurus",
    "role.pengawas": "pengawas",
    "role.karyawan": "karyawan",
    "role.anggota": "anggota",
    "role.manajer": "manajer",
    "role.other": "lainnya",
}

EN: dict[str, str] = {
    "file.report": "workshop-report",
    "file.renstra": "strategic-plan",
    "empty": "Not filled in yet.",
    "none": "—",
    "yes": "yes",
    "no": "no",
    "deleted": "(deleted)",
    "template": "template",
    "minutes": "{n} min",
    "generated": "Made with workshop-tui {version} on {at}. A draft: export again at any time.",
    "as_of": "Data as of {at}. This is a draft and can be exported again at any time.",
    "col.no": "No",
    "col.name": "Name",
    "col.role": "Role",
    "col.cooperative": "Cooperative",
    "col.status": "Status",
    "renstra.title": "Draft Strategic Plan (Renstra)",
    "renstra.subtitle": "{coop} — from {workshop}, {dates}",
    "identity": "Identity",
    "identity.cooperative": "Cooperative",
    "identity.group": "Group",
    "identity.facilitator": "Facilitator",
    "identity.tier": "Current tier",
    "identity.workshop": "Workshop",
    "identity.participants": "Participants",
    "walk_in": "added on the day",
    "swot": "SWOT Analysis",
    "swot.S": "Strengths",
    "swot.W": "Weaknesses",
    "swot.O": "Opportunities",
    "swot.T": "Threats",
    "swot.col.label": "Code",
    "swot.col.note": "Note",
    "swot.col.votes": "Votes",
    "swot.summary": "{notes}, {votes}.",
    "swot.notes": "{n} notes",
    "swot.notes_one": "{n} note",
    "swot.votes": "{n} votes",
    "swot.votes_one": "{n} vote",
    "strategy": "Strategies (TOWS matrix)",
    "strategy.col.text": "Strategy",
    "strategy.col.cites": "Factors cited",
    "strategy.missing_note": "note {id}",
    "factors": "Factor Scores (IFAS/EFAS)",
    "factors.ifas": "IFAS — internal factors",
    "factors.efas": "EFAS — external factors",
    "factors.col.factor": "Factor",
    "factors.col.weight": "Weight",
    "factors.col.rating": "Rating",
    "factors.col.score": "Score",
    "factors.total": "Total",
    "factors.ie": "IE Matrix (Internal–External)",
    "factors.ie.ifas": "IFAS total (internal)",
    "factors.ie.efas": "EFAS total (external)",
    "factors.ie.total": "{total} — {band}",
    "factors.ie.cell": "IE matrix cell",
    "factors.ie.posture": "Strategy",
    "factors.ie.unplaced": (
        "No IE matrix cell yet: both the internal and the external factors need weights "
        "and ratings first."
    ),
    "factors.ie.legend": (
        "IFAS total (columns) and EFAS total (rows): 1.00–1.99 weak/low, 2.00–2.99 "
        "average/medium, 3.00–4.00 strong/high. Cells I, II, IV: grow and build; "
        "III, V, VII: hold and maintain; VI, VIII, IX: harvest or divest."
    ),
    "vision_mission": "Vision and Mission",
    "vision": "Vision",
    "mission": "Mission",
    "roadmap": "5-Year Roadmap",
    "roadmap.col.area": "Area",
    "roadmap.tier_row": "Target tier",
    "roadmap.current_tier": "Current tier: {tier}.",
    "roadmap.drops": "Note: the target tier drops in {years}.",
    "team": "Renstra Team",
    "team.rule": "Rule: {seats}.",
    "team.attendees_rule": "Participants who attended the workshop must be on the team.",
    "team.col.participant": "Workshop participant",
    "team.ok": "The team meets the rule.",
    "team.problems": "Does not meet the rule yet:",
    "rtl.a": "Follow-up Action Plan (RTL), Part A",
    "rtl.b": "Follow-up Action Plan (RTL), Part B — Joint",
    "rtl.from_templates": "Not filled in yet. Starting list from the workshop plan's templates:",
    "rtl.col.activity": "Activity",
    "rtl.col.owner": "Person in charge",
    "rtl.col.deadline": "Deadline",
    "rtl.col.indicator": "Indicator",
    "status.open": "open",
    "status.done": "done",
    "status.dropped": "dropped",
    "status.done_on": "done {day}",
    "pact.signatures": "Signatures",
    "pact.col.signed": "Signature",
    "pact.signed": "signed {at}",
    "pact.revoked": "withdrawn {at}",
    "pact.unsigned": "not yet",
    "pact.count": "{signed} of {total} participants have signed.",
    "pact.count_one": "{signed} of {total} participant has signed.",
    "pact.unknown": "(not on the participant list)",
    "report.title": "Workshop Report",
    "about": "About the Workshop",
    "about.title": "Workshop",
    "about.theme": "Theme",
    "about.organiser": "Organiser",
    "about.place": "Place",
    "about.dates": "Dates",
    "about.days": "Days",
    "about.groups": "Groups",
    "about.cooperatives": "Cooperatives",
    "about.participants": "Participants",
    "agenda": "Agenda: Planned and As Run",
    "agenda.day": "Day {n} — {date}",
    "agenda.col.planned": "Planned",
    "agenda.col.item": "Item",
    "agenda.col.people": "Speakers / facilitators",
    "agenda.col.start": "Started",
    "agenda.col.end": "Ended",
    "agenda.col.actual": "Ran",
    "agenda.col.budget": "Allotted",
    "agenda.col.over": "Over",
    "agenda.run.ready": "not yet",
    "agenda.run.skipped": "skipped",
    "agenda.run.running": "running",
    "agenda.run.paused": "paused, not finished ⚠",
    "agenda.run.done": "done",
    "agenda.reopened": "reopened; first ended {time}",
    "agenda.not_run": "Not run yet.",
    "agenda.day_summary": "Planned end {planned}; actual end {actual} ({drift}).",
    "agenda.count": "{parts}.",
    "agenda.count.done": "{done} of {total} items done",
    "agenda.count.done_one": "{done} of {total} item done",
    "agenda.count.skipped": "{n} skipped",
    "agenda.count.paused": "{n} left paused, not finished",
    "agenda.count.running": "{n} running",
    "agenda.count.ready": "{n} not reached yet",
    "agenda.paused_check": (
        "To check: {items} were started but left paused and never finished; their end "
        "and length are not known."
    ),
    "agenda.paused_check_one": (
        "To check: {items} was started but left paused and never finished; its end and "
        "length are not known."
    ),
    "agenda.on_time": "on time",
    "agenda.late": "{n} min late",
    "agenda.early": "{n} min early",
    "agenda.legend": (
        "Local time. Ran, allotted and over are in minutes. Ran = the timer's running time "
        "(pauses not counted); allotted = planned duration plus extensions (in brackets); "
        "a positive over is an overrun."
    ),
    "people": "Speakers and Facilitators",
    "people.col.role": "Role",
    "people.col.items": "Sessions",
    "people.speaker": "speaker",
    "people.facilitator": "facilitator",
    "people.group_facilitator": "facilitator of {group}",
    "groups": "Groups and Cooperatives",
    "groups.col.group": "Group",
    "groups.col.facilitator": "Facilitator",
    "groups.col.cooperatives": "Cooperatives",
    "attendance": "Attendance and Signatures",
    "attendance.note": "The participant list of the workshop plan, plus people added on the day.",
    "cooperatives": "Results per Cooperative",
    "cooperative.heading": "{coop}",
    "role.pengurus": "board member (pengurus)",
    "role.pengawas": "supervisor (pengawas)",
    "role.karyawan": "employee (karyawan)",
    "role.anggota": "member (anggota)",
    "role.manajer": "manager (manajer)",
    "role.other": "other",
}

CATALOGS: dict[str, dict[str, str]] = {"id": ID, "en": EN}


class Words:
    """Look up a document string in one language: `w("pact.count", signed=3, total=20)`."""

    def __init__(self, language: str) -> None:
        self.language = language if language in CATALOGS else "id"
        self._catalog: Mapping[str, str] = CATALOGS[self.language]

    def __call__(self, key: str, **values: object) -> str:
        text = self._catalog.get(key) or ID.get(key) or key
        return text.format(**values) if values else text

    def plural(self, key: str, n: int, /, **values: object) -> str:
        """`key` for a count `n`: `key_one` when n is 1 and this language has it (English
        "1 note" / "2 notes"; Indonesian does not inflect and has no `_one`)."""
        singular = f"{key}_one"
        return self(singular if n == 1 and singular in self._catalog else key, **values)
