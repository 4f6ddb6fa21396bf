"""The data model (typed SQLAlchemy 2). Schema changes go through Alembic migrations in ``db/migrations``.

Vietnamese terms: đơn vị hành chính (AdminUnit), cuộc bầu cử (Election), đơn vị bầu cử (Constituency),
khu vực bỏ phiếu (PollingArea), thôn/bản/tổ dân phố (Hamlet), người ứng cử (Candidate), tổ bầu cử (a team
role on a polling area), biên bản kết quả kiểm phiếu (CountSheet), sự cố (Incident).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


# --- election data -------------------------------------------------------------------------------------------


class AdminUnit(Base):
    """An administrative unit of any depth: tỉnh → huyện → xã (2021) or tỉnh → xã (since 2025)."""

    __tablename__ = "admin_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # tinh, thanh_pho_tw, huyen, thi_xa, thanh_pho, quan, xa, phuong, thi_tran, dac_khu
    kind: Mapped[str] = mapped_column(String(20))
    level: Mapped[int] = mapped_column(Integer)  # 1 province, 2 district, 3 commune
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id", ondelete="RESTRICT"), index=True)
    # "/1/5/23/": ids from the root, so "this unit and everything below" is one prefix query
    path: Mapped[str] = mapped_column(String(400), index=True, default="/")

    parent: Mapped[AdminUnit | None] = relationship(remote_side="AdminUnit.id", lazy="raise")


class Election(Base):
    """One election day (cuộc bầu cử), e.g. NA khóa XV and HĐND 2021–2026 on 23/5/2021."""

    __tablename__ = "elections"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    election_date: Mapped[date] = mapped_column(Date)
    voting_start: Mapped[time] = mapped_column(Time, default=time(7, 0))
    voting_end: Mapped[time] = mapped_column(Time, default=time(19, 0))
    law_edition: Mapped[str] = mapped_column(String(8), default="2015")  # "2015" or "2025"
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    notice: Mapped[str | None] = mapped_column(Text)  # shown with answers drawn from the data (e.g. "illustrative")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Contest(Base):
    """A race on the ballot: the National Assembly, or the People's Council of one unit."""

    __tablename__ = "contests"
    __table_args__ = (UniqueConstraint("election_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(8))  # "na" or "hdnd"
    level: Mapped[str] = mapped_column(String(12))  # national, province, district, commune
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"), index=True)  # the council's unit
    name: Mapped[str] = mapped_column(String(300))
    ballot_order: Mapped[int] = mapped_column(Integer, default=0)  # QH first, then tỉnh, huyện, xã

    unit: Mapped[AdminUnit | None] = relationship(lazy="joined")  # labels name the commune of a commune council


class Constituency(Base):
    """Đơn vị bầu cử: elects ``seats`` deputies of one contest."""

    __tablename__ = "constituencies"
    __table_args__ = (UniqueConstraint("election_id", "code"), UniqueConstraint("contest_id", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"), index=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    seats: Mapped[int] = mapped_column(Integer)
    # the unit whose committee owns the result (province for NA and HĐND tỉnh, district for HĐND huyện, ...)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id"), index=True)
    description: Mapped[str | None] = mapped_column(Text)

    contest: Mapped[Contest] = relationship(lazy="raise")


class ConstituencyUnit(Base):
    """An administrative unit covered (wholly or partly) by a constituency."""

    __tablename__ = "constituency_units"

    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituencies.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id", ondelete="CASCADE"), primary_key=True, index=True)


class PollingArea(Base):
    """Khu vực bỏ phiếu: one polling place and its team (tổ bầu cử), serving every contest at once."""

    __tablename__ = "polling_areas"
    __table_args__ = (UniqueConstraint("election_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    commune_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id"), index=True)
    address: Mapped[str] = mapped_column(String(500))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    registered_voters: Mapped[int] = mapped_column(Integer)  # official voter list (danh sách cử tri)
    note: Mapped[str | None] = mapped_column(Text)

    commune: Mapped[AdminUnit] = relationship(lazy="raise")


class Hamlet(Base):
    """Thôn / bản / tổ dân phố served by a polling area."""

    __tablename__ = "hamlets"
    __table_args__ = (UniqueConstraint("polling_area_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    polling_area_id: Mapped[int] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))


class AreaConstituency(Base):
    """For each contest, the constituency a polling area votes in."""

    __tablename__ = "area_constituencies"

    polling_area_id: Mapped[int] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"), primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), primary_key=True)
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituencies.id", ondelete="CASCADE"), index=True)


class Candidate(Base):
    """Người ứng cử on one constituency's ballot."""

    __tablename__ = "candidates"
    __table_args__ = (UniqueConstraint("election_id", "code"), UniqueConstraint("constituency_id", "ballot_order"))

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"), index=True)
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituencies.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    ballot_order: Mapped[int] = mapped_column(Integer)
    full_name: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str] = mapped_column(String(8))  # "nam" / "nu"
    date_of_birth: Mapped[date] = mapped_column(Date)
    ethnicity: Mapped[str] = mapped_column(String(60))
    religion: Mapped[str] = mapped_column(String(60))
    hometown: Mapped[str] = mapped_column(String(300))
    residence: Mapped[str] = mapped_column(String(300))
    education: Mapped[str] = mapped_column(String(300))  # general education, degrees, political theory
    occupation: Mapped[str] = mapped_column(String(300))
    workplace: Mapped[str] = mapped_column(String(300))
    party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    party_joined: Mapped[date | None] = mapped_column(Date)
    incumbent: Mapped[bool] = mapped_column(Boolean, default=False)
    incumbent_note: Mapped[str | None] = mapped_column(String(300))
    biography: Mapped[str] = mapped_column(Text, default="")
    programme: Mapped[str] = mapped_column(Text, default="")


# --- people and roles ----------------------------------------------------------------------------------------


class User(Base):
    """A Telegram user the bot has seen; holds the language and the conversation state (not process memory)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)  # Telegram user id
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str] = mapped_column(String(200), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="vi")
    language_chosen: Mapped[bool] = mapped_column(Boolean, default=False)  # set with /lang: Telegram's no longer wins
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)  # the user blocked the bot: skip deliveries
    home_area_id: Mapped[int | None] = mapped_column(ForeignKey("polling_areas.id", ondelete="SET NULL"))
    state: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # current conversation step and its data
    state_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class RoleAssignment(Base):
    """A role held by a user: a polling team member of an area, or a committee chair of a unit."""

    __tablename__ = "role_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # team, chair
    polling_area_id: Mapped[int | None] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id", ondelete="CASCADE"), index=True)
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(300))


class Invitation(Base):
    """A one-time join code; only its hash is stored."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    polling_area_id: Mapped[int | None] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(300))


class JoinAttempt(Base):
    """A wrong join code, kept to slow down guessing."""

    __tablename__ = "join_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    at: Mapped[datetime]


class ReminderSubscription(Base):
    """A voter who asked for reminders (/nhacnho) and announcements for their polling area."""

    __tablename__ = "reminder_subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "election_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"), index=True)
    polling_area_id: Mapped[int] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]


# --- election day --------------------------------------------------------------------------------------------


class TurnoutReport(Base):
    """A check-in: cumulative voters who have voted in an area as of a slot. Never updated: corrections add rows."""

    __tablename__ = "turnout_reports"
    __table_args__ = (Index("ix_turnout_reports_area_slot", "polling_area_id", "slot_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    polling_area_id: Mapped[int] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"))
    slot_at: Mapped[datetime]  # the hour the figure refers to
    voted: Mapped[int] = mapped_column(Integer)
    reported_at: Mapped[datetime]  # when it arrived
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("turnout_reports.id", ondelete="SET NULL"), index=True)
    is_final: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)  # an unusual jump the team confirmed
    source: Mapped[str] = mapped_column(String(16), default="bot")


class VoterListAddition(Base):
    """Voters added to an area's list on the day (the official figure itself is never overwritten)."""

    __tablename__ = "voter_list_additions"

    id: Mapped[int] = mapped_column(primary_key=True)
    polling_area_id: Mapped[int] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"), index=True)
    added: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime]


class AreaClosure(Base):
    """The team closed voting in its area with its final figure."""

    __tablename__ = "area_closures"

    id: Mapped[int] = mapped_column(primary_key=True)
    polling_area_id: Mapped[int] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"), index=True)
    final_voted: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Incident(Base):
    """Sự cố reported by a polling team."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(24), unique=True)
    polling_area_id: Mapped[int] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    category: Mapped[str] = mapped_column(String(24))
    description: Mapped[str] = mapped_column(Text)
    photo_file_id: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, resolved
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class IncidentUpdate(Base):
    __tablename__ = "incident_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(12), default="update")  # update, resolved, reopened
    text: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


class CountSheet(Base):
    """Biên bản kết quả kiểm phiếu of one contest in one area. Corrections add a new version; none is overwritten."""

    __tablename__ = "count_sheets"
    __table_args__ = (UniqueConstraint("polling_area_id", "contest_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    polling_area_id: Mapped[int] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"), index=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), index=True)
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituencies.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft, locked, superseded
    total_voters: Mapped[int | None] = mapped_column(Integer)
    voted: Mapped[int | None] = mapped_column(Integer)
    ballots_issued: Mapped[int | None] = mapped_column(Integer)
    ballots_received: Mapped[int | None] = mapped_column(Integer)
    valid: Mapped[int | None] = mapped_column(Integer)
    invalid: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    locked_at: Mapped[datetime | None]
    locked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("count_sheets.id", ondelete="SET NULL"), index=True)
    correction_reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default="bot")


class CountSheetVote(Base):
    __tablename__ = "count_sheet_votes"

    sheet_id: Mapped[int] = mapped_column(ForeignKey("count_sheets.id", ondelete="CASCADE"), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True)
    votes: Mapped[int] = mapped_column(Integer)


# --- committees: alerts, announcements, results ----------------------------------------------------------------


class Alert(Base):
    """Something a committee chair must see: an incident, a missing check-in, a turnout anomaly."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(24))  # incident, missing_checkin, anomaly
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id", ondelete="CASCADE"), index=True)  # recipients
    polling_area_id: Mapped[int | None] = mapped_column(ForeignKey("polling_areas.id", ondelete="CASCADE"))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    slot_at: Mapped[datetime | None]
    level: Mapped[int] = mapped_column(Integer, default=0)  # 0: first recipients, 1+: escalated
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
    due_at: Mapped[datetime]
    dispatched_at: Mapped[datetime | None]  # put into a delivery digest
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Announcement(Base):
    """A chair's message to the voters subscribed in their unit, or to its polling teams."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int | None] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_units.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    audience: Mapped[str] = mapped_column(String(12))  # voters, teams
    kind: Mapped[str] = mapped_column(String(12), default="message")  # message, result
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft, scheduled, sending, sent, cancelled
    scheduled_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    recipients: Mapped[int] = mapped_column(Integer, default=0)


class Delivery(Base):
    """One message to one chat (outbox). Reminders, alerts, prompts and broadcasts all go through it.

    ``dedupe_key`` makes each message exist once; a row is claimed (``sending``) before the call and marked
    ``sent`` after, so a restart never sends it twice (a row found ``sending`` after a crash becomes ``uncertain``).
    """

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(24))  # reminder, alert, prompt, announcement, result, notice
    ref_id: Mapped[int | None] = mapped_column(Integer, index=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    parse_mode: Mapped[str | None] = mapped_column(String(16))
    reply_markup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    priority: Mapped[int] = mapped_column(Integer, default=5)  # lower first: alerts before broadcasts
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending sending sent blocked failed uncertain
    due_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class ConstituencyResult(Base):
    """Computed (or imported) result of a constituency; published ones are announced to voters."""

    __tablename__ = "constituency_results"
    __table_args__ = (UniqueConstraint("constituency_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituencies.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str] = mapped_column(String(16), default="count_sheets")  # count_sheets, import
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft, published, superseded
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[datetime]
    published_at: Mapped[datetime | None]
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(Text)


class AuditLog(Base):
    """Security-relevant events: refused buttons and commands, role changes, corrections."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(48))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
