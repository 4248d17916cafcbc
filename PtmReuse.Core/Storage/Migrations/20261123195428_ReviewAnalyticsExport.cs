using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PtmReuse.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ReviewAnalyticsExport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Action",
                table: "HumanLabels",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Correct");

            migrationBuilder.AddColumn<bool>(
                name: "Adjudicated",
                table: "HumanLabels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "AssignmentId",
                table: "HumanLabels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ParentLabelId",
                table: "HumanLabels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetiredByLabelId",
                table: "HumanLabels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "UncertaintyScore",
                table: "Decisions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValueKey",
                table: "Decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnalyticsModelLabel",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<long>(type: "INTEGER", nullable: false),
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Journal = table.Column<string>(type: "TEXT", nullable: true),
                    Model = table.Column<string>(type: "TEXT", nullable: false),
                    Pattern = table.Column<string>(type: "TEXT", nullable: true),
                    Step = table.Column<string>(type: "TEXT", nullable: true),
                    PatternFirst = table.Column<bool>(type: "INTEGER", nullable: false),
                    StepFirst = table.Column<bool>(type: "INTEGER", nullable: false),
                    IdentifyDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReuseDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ImpactDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Grounded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: true),
                    Reviewed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsModelLabel", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnalyticsModelLabel_Papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "Papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnalyticsPaperCount",
                columns: table => new
                {
                    Scope = table.Column<long>(type: "INTEGER", nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    Journal = table.Column<string>(type: "TEXT", nullable: false),
                    UsesDl = table.Column<byte>(type: "INTEGER", nullable: false),
                    UsesPtms = table.Column<byte>(type: "INTEGER", nullable: false),
                    Grounded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reviewed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Items = table.Column<long>(type: "INTEGER", nullable: false),
                    WeightSum = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsPaperCount", x => new { x.Scope, x.IsPrimary, x.Year, x.Field, x.Journal, x.UsesDl, x.UsesPtms, x.Grounded, x.Reviewed });
                });

            migrationBuilder.CreateTable(
                name: "AnalyticsPaperLabel",
                columns: table => new
                {
                    Scope = table.Column<long>(type: "INTEGER", nullable: false),
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Journal = table.Column<string>(type: "TEXT", nullable: true),
                    UsesDl = table.Column<byte>(type: "INTEGER", nullable: false),
                    UsesPtms = table.Column<byte>(type: "INTEGER", nullable: false),
                    UsesDlDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    UsesPtmsDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Grounded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: true),
                    Reviewed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsPaperLabel", x => new { x.Scope, x.PaperId, x.Field });
                    table.ForeignKey(
                        name: "FK_AnalyticsPaperLabel_Papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "Papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnalyticsPaperState",
                columns: table => new
                {
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsPaperState", x => x.PaperId);
                    table.ForeignKey(
                        name: "FK_AnalyticsPaperState_Papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "Papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnalyticsScopeState",
                columns: table => new
                {
                    Scope = table.Column<long>(type: "INTEGER", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsScopeState", x => x.Scope);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DecisionId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", nullable: false),
                    Reviewer = table.Column<string>(type: "TEXT", nullable: false),
                    Blind = table.Column<bool>(type: "INTEGER", nullable: false),
                    AssignedBy = table.Column<string>(type: "TEXT", nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_Decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "Decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewerSettings",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", nullable: false),
                    ShortcutsJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewerSettings", x => x.UserName);
                });

            migrationBuilder.CreateTable(
                name: "ValidationSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", nullable: false),
                    Design = table.Column<string>(type: "TEXT", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: true),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PopulationSize = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValidationSamples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ValidationSampleItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SampleId = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValidationSampleItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ValidationSampleItems_Decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "Decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ValidationSampleItems_ValidationSamples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "ValidationSamples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[,]
                {
                    { "role-admin", "role-admin", "admin", "ADMIN" },
                    { "role-reviewer", "role-reviewer", "reviewer", "REVIEWER" },
                    { "role-viewer", "role-viewer", "viewer", "VIEWER" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Papers_UpdatedAt",
                table: "Papers",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_HumanLabels_DecisionId",
                table: "HumanLabels",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_PaperId_ErrorKind",
                table: "Decisions",
                columns: new[] { "PaperId", "ErrorKind" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_PaperId_Id",
                table: "Decisions",
                columns: new[] { "PaperId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Stage_UncertaintyScore_Id",
                table: "Decisions",
                columns: new[] { "Stage", "UncertaintyScore", "Id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_UncertaintyScore_Id",
                table: "Decisions",
                columns: new[] { "UncertaintyScore", "Id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Unscored",
                table: "Decisions",
                column: "PaperId",
                filter: "\"UncertaintyScore\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsModelLabel_Counts",
                table: "AnalyticsModelLabel",
                columns: new[] { "Scope", "IsPrimary", "Year", "Field", "Model", "Pattern", "Step", "PatternFirst", "StepFirst", "Weight" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsModelLabel_PaperId",
                table: "AnalyticsModelLabel",
                column: "PaperId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsModelLabel_Scope_PaperId",
                table: "AnalyticsModelLabel",
                columns: new[] { "Scope", "PaperId" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsPaperLabel_Counts",
                table: "AnalyticsPaperLabel",
                columns: new[] { "Scope", "IsPrimary", "Year", "Field", "UsesDl", "UsesPtms", "Grounded", "Reviewed", "Weight" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsPaperLabel_PaperId",
                table: "AnalyticsPaperLabel",
                column: "PaperId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsPaperLabel_Scope_Field_Year",
                table: "AnalyticsPaperLabel",
                columns: new[] { "Scope", "Field", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_DecisionId",
                table: "ReviewAssignments",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_PaperId_Stage",
                table: "ReviewAssignments",
                columns: new[] { "PaperId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_Reviewer_DecisionId",
                table: "ReviewAssignments",
                columns: new[] { "Reviewer", "DecisionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ValidationSampleItems_DecisionId",
                table: "ValidationSampleItems",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_ValidationSampleItems_SampleId_Position",
                table: "ValidationSampleItems",
                columns: new[] { "SampleId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalyticsModelLabel");

            migrationBuilder.DropTable(
                name: "AnalyticsPaperCount");

            migrationBuilder.DropTable(
                name: "AnalyticsPaperLabel");

            migrationBuilder.DropTable(
                name: "AnalyticsPaperState");

            migrationBuilder.DropTable(
                name: "AnalyticsScopeState");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "ReviewAssignments");

            migrationBuilder.DropTable(
                name: "ReviewerSettings");

            migrationBuilder.DropTable(
                name: "ValidationSampleItems");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ValidationSamples");

            migrationBuilder.DropIndex(
                name: "IX_Papers_UpdatedAt",
                table: "Papers");

            migrationBuilder.DropIndex(
                name: "IX_HumanLabels_DecisionId",
                table: "HumanLabels");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_PaperId_ErrorKind",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_PaperId_Id",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Stage_UncertaintyScore_Id",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_UncertaintyScore_Id",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Unscored",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "Action",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "Adjudicated",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "AssignmentId",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "ParentLabelId",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "RetiredByLabelId",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "UncertaintyScore",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "ValueKey",
                table: "Decisions");
        }
    }
}
